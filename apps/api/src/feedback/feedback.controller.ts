import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ChatFeedbackResponse } from '@holibot/contracts';
import { AuthorizationHeader, OptionalUserToken, UserTokenService } from '../session/index.js';
import { ChatFeedbackDto } from './feedback.dto.js';
import { FeedbackService } from './feedback.service.js';

/** Visitors rate answers. Counts against the chat rate limit (one budget per client IP for every chat endpoint). */
@ApiTags('chat')
@Controller('api/v1/chat')
@UseGuards(ThrottlerGuard)
@OptionalUserToken()
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly tokens: UserTokenService,
  ) {}

  @Post('feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rates an answer (up or down, why, a comment, a place of it); a second rating of the same answer replaces the first' })
  async submit(@Body() body: ChatFeedbackDto, @AuthorizationHeader() authorization?: string): Promise<ChatFeedbackResponse> {
    const userId = await this.tokens.userId(authorization);
    const feedbackId = await this.feedback.submit(body, userId);
    return { success: true, data: { feedbackId } };
  }
}
