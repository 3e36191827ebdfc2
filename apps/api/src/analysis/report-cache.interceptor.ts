import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ReportsRepository } from '@undercurrent/analysis';
import type { Request, Response } from 'express';
import { of, tap, type Observable } from 'rxjs';

/** Reports kept per API process (the newest; each is the JSON of one address at one data version). */
const MAX_ENTRIES = 500;

/**
 * The reports change only when an analysis completes, a sync completes (what the data is as of),
 * the organisation file changes, or the clock enters another week. Their ETag is that version and
 * the request's address: a client that has it gets 304 without anything being computed, and a
 * repeat from any client is served from memory.
 */
@Injectable()
export class ReportCacheInterceptor implements NestInterceptor {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly reports: ReportsRepository) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const version = await this.reports.dataVersion();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const etag = `W/"${createHash('sha256').update(`${version}\n${req.originalUrl}`).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    // Express answers 304 itself when the request's If-None-Match holds this ETag: nothing to compute.
    if (req.fresh) return of({});
    if (this.cache.has(etag)) return of(this.cache.get(etag));
    return next.handle().pipe(
      tap((body) => {
        this.cache.set(etag, body);
        if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      }),
    );
  }
}
