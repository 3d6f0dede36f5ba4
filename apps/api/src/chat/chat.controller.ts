import { Body, Controller, Get, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { type ChatConfigResponse, type ChatMessageResponse, LANGUAGES } from '@holibot/contracts';
import { AppConfig } from '../config/app-config.js';
import { AuthorizationHeader, OptionalUserToken, UserTokenService } from '../session/index.js';
import { ChatMessageDto } from './chat-message.dto.js';
import { ChatService } from './chat.service.js';

@ApiTags('chat')
@Controller('api/v1/chat')
@UseGuards(ThrottlerGuard)
@OptionalUserToken()
export class ChatController {
  /** The same for every visitor until the next start. */
  private readonly configResponse: ChatConfigResponse;

  constructor(
    private readonly chat: ChatService,
    private readonly tokens: UserTokenService,
    config: AppConfig,
  ) {
    this.configResponse = { success: true, data: { destinationName: config.destinationName, languages: [...LANGUAGES] } };
  }

  @Post('message')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask a question; answers with text and the matching places' })
  async message(@Body() body: ChatMessageDto, @AuthorizationHeader() authorization?: string): Promise<ChatMessageResponse> {
    const userId = await this.tokens.userId(authorization);
    return this.chat.handle(body, userId);
  }

  /** Static and cacheable: outside the chat rate limit, which is for visitors' questions and their sessions. */
  @Get('config')
  @SkipThrottle()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'What the widget needs before the first question: the destination and the languages' })
  config(): ChatConfigResponse {
    return this.configResponse;
  }
}
