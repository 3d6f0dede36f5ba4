import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { PoiCatalogue } from '../poi/poi-catalogue.service.js';
import { PoiModule } from '../poi/poi.module.js';
import { SessionModule } from '../session/session.module.js';
import { ChatRateLimit } from './chat-rate-limit.js';
import { ChatController } from './chat.controller.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatService } from './chat.service.js';
import { AnswerEngine } from './engine/answer-engine.js';
import { BuiltinAnswerEngine } from './engine/builtin-engine.js';
import { MistralClient } from './engine/mistral/mistral-client.js';
import { MistralAnswerEngine } from './engine/mistral/mistral-engine.js';

@Module({
  imports: [PoiModule, SessionModule],
  controllers: [ChatController],
  providers: [
    ChatService,
    ChatGateway,
    ChatRateLimit,
    BuiltinAnswerEngine,
    {
      // Mistral words the answers when it has a key; the built-in engine always does the search.
      provide: AnswerEngine,
      inject: [AppConfig, BuiltinAnswerEngine, PoiCatalogue],
      useFactory: (config: AppConfig, builtin: BuiltinAnswerEngine, catalogue: PoiCatalogue) =>
        config.mistral ? new MistralAnswerEngine(builtin, catalogue, new MistralClient(config), config) : builtin,
    },
  ],
})
export class ChatModule {}
