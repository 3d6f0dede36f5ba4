import { Module } from '@nestjs/common';
import { PoiModule } from '../poi/poi.module.js';
import { SessionModule } from '../session/session.module.js';
import { ChatRateLimit } from './chat-rate-limit.js';
import { ChatController } from './chat.controller.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatService } from './chat.service.js';
import { AnswerEngine } from './engine/answer-engine.js';
import { BuiltinAnswerEngine } from './engine/builtin-engine.js';

@Module({
  imports: [PoiModule, SessionModule],
  controllers: [ChatController],
  providers: [ChatService, ChatGateway, ChatRateLimit, BuiltinAnswerEngine, { provide: AnswerEngine, useExisting: BuiltinAnswerEngine }],
})
export class ChatModule {}
