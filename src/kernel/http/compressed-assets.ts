import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

interface CompressedAsset {
  contentType: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

// Shared by every app built in this process (tests build many): compress once.
const cache = new Map<string, CompressedAsset>();

function load(file: string, contentType: string): CompressedAsset {
  let asset = cache.get(file);
  if (!asset) {
    const identity = fs.readFileSync(file);
    asset = {
      contentType,
      etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
      identity,
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzip: gzipSync(identity, { level: 9 }),
    };
    cache.set(file, asset);
  }
  return asset;
}

/**
 * The DSFR stylesheet and script weigh about 1.3 MB; served brotli-compressed they are a
 * fraction of that, which is what makes a DSFR page fast on a phone. These routes take
 * precedence over the generic static route for the same paths.
 */
export function registerCompressedAssets(app: FastifyInstance, files: Array<{ url: string; file: string; contentType: string }>) {
  for (const { url, file, contentType } of files) {
    if (!fs.existsSync(file)) throw new Error(`Ressource statique introuvable : ${path.basename(file)}`);
    app.get(url, async (request, reply) => {
      const asset = load(file, contentType);
      reply.header('content-type', asset.contentType).header('etag', asset.etag).header('vary', 'accept-encoding').header('cache-control', 'public, max-age=604800');
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      const accepted = String(request.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.br);
      if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.identity);
    });
  }
}
