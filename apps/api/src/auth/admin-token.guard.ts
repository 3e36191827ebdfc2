import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '@undercurrent/config';
import { APP_CONFIG } from '@undercurrent/platform';
import type { Request } from 'express';
import { IS_PUBLIC } from './public.decorator';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Every route requires `Authorization: Bearer <ADMIN_TOKEN>` unless marked `@Public()`. Applied
 * globally, so a route added without thought is protected, not open. Roles come later.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (!config.adminToken) throw new Error('ADMIN_TOKEN is required by the API');
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('an Authorization: Bearer <token> header is required');
    // Compare digests of equal length in constant time: the token's length leaks nothing either.
    if (!timingSafeEqual(digest(match[1]!), this.expected)) throw new UnauthorizedException('the token is not valid');
    return true;
  }
}
