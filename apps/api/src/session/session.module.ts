import { Module } from '@nestjs/common';
import { PoiModule } from '../poi/poi.module.js';
import { SessionController } from './session.controller.js';
import { ConversationsService } from './conversations.service.js';
import { SessionService } from './session.service.js';
import { UserTokenService } from './user-token.service.js';

@Module({
  imports: [PoiModule],
  controllers: [SessionController],
  providers: [SessionService, UserTokenService, ConversationsService],
  exports: [SessionService, UserTokenService, ConversationsService],
})
export class SessionModule {}
