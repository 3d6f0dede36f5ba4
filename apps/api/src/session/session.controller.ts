import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { type Language, SESSION_ID_PATTERN, type SessionDeletedResponse, type SessionResponse } from '@holibot/contracts';
import { Clock } from '../common/clock.js';
import { PoiCatalogue } from '../poi/index.js';
import { InvalidSessionIdError, SessionNotFoundError } from './session.errors.js';
import { SessionService } from './session.service.js';
import { AuthorizationHeader, OptionalUserToken } from './user-token.decorator.js';
import { UserTokenService } from './user-token.service.js';

@ApiTags('chat')
@Controller('api/v1/chat/session')
@UseGuards(ThrottlerGuard)
@OptionalUserToken()
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: UserTokenService,
    private readonly catalogue: PoiCatalogue,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A conversation with its history' })
  async get(@Param('id') id: string, @AuthorizationHeader() authorization?: string): Promise<SessionResponse> {
    const session = await this.activeSession(id, authorization);
    const wallTime = this.catalogue.wallTime(this.clock.now());
    const messages = await this.sessions.messages(session.id);
    return {
      success: true,
      data: {
        sessionId: session.id,
        createdAt: session.createdAt.toISOString(),
        updatedAt: session.updatedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        messages: messages.map((message) => ({
          messageId: message.id,
          role: message.role,
          content: message.content,
          // POIs since removed from the catalogue are left out.
          pois: (message.poiIds ?? []).flatMap((poiId) => {
            const entry = this.catalogue.get(poiId);
            return entry ? [this.catalogue.viewAt(entry, message.language as Language, wallTime)] : [];
          }),
          createdAt: message.createdAt.toISOString(),
        })),
      },
    };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deletes a conversation and its history' })
  async delete(@Param('id') id: string, @AuthorizationHeader() authorization?: string): Promise<SessionDeletedResponse> {
    const session = await this.activeSession(id, authorization);
    await this.sessions.delete(session.id);
    return { success: true, data: { sessionId: session.id, deleted: true } };
  }

  private async activeSession(id: string, authorization: string | undefined) {
    if (!SESSION_ID_PATTERN.test(id)) throw new InvalidSessionIdError();
    const userId = await this.tokens.userId(authorization);
    const session = await this.sessions.findActive(id.toLowerCase(), userId);
    if (!session) throw new SessionNotFoundError();
    return session;
  }
}
