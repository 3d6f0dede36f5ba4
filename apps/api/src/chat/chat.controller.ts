import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ChatMessageResponse } from '@holibot/contracts';
import { AuthorizationHeader, OptionalUserToken, UserTokenService } from '../session/index.js';
import { ChatMessageDto } from './chat-message.dto.js';
import { ChatService } from './chat.service.js';

@ApiTags('chat')
@Controller('api/v1/chat')
@UseGuards(ThrottlerGuard)
@OptionalUserToken()
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly tokens: UserTokenService,
  ) {}

  @Post('message')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask a question; answers with text and the matching places' })
  async message(@Body() body: ChatMessageDto, @AuthorizationHeader() authorization?: string): Promise<ChatMessageResponse> {
    const userId = await this.tokens.userId(authorization);
    return this.chat.handle(body, userId);
  }
}
