/**
 * Gateway authentication behind one interface: given the call, return the headers to add.
 * The secret is captured in the closure and never exposed.
 */
import crypto from 'node:crypto';
import { hsafHeaders, tifHeaders } from '../protocol/sign.js';
import type { GatewayConfig } from './config.js';

export interface GatewaySigner {
  readonly scheme: string;
  headers(call: { infno: string; now: Date }): Record<string, string>;
}

export function randomNonce(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

export function makeSigner(g: GatewayConfig, nonce: () => string = randomNonce): GatewaySigner {
  switch (g.scheme) {
    case 'none':
      return { scheme: 'none', headers: () => ({}) };
    case 'tif': {
      const paasid = g.paasid ?? '';
      const token = g.secret ?? '';
      return { scheme: 'tif', headers: ({ now }) => tifHeaders({ paasid, token, now, nonce: nonce() }) };
    }
    case 'hsaf': {
      const accessKey = g.accessKey ?? g.paasid ?? '';
      const secret = g.secret ?? '';
      const version = g.apiVersion;
      return { scheme: 'hsaf', headers: ({ infno, now }) => hsafHeaders({ accessKey, secret, infno, now, version }) };
    }
  }
}
