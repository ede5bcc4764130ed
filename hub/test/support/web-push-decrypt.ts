import { createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';

/** A browser's side of a push subscription: its P-256 key pair and auth secret, as PushManager.subscribe makes them. */
export interface TestPushSubscription {
  readonly subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Decrypts a body sent to it (RFC 8291, aes128gcm). */
  decrypt(body: Buffer): Buffer;
}

export function makePushSubscription(endpoint: string): TestPushSubscription {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    subscription: {
      endpoint,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    },
    decrypt: (body) => decryptAes128gcm(body, ecdh, auth),
  };
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/**
 * RFC 8291 section 3 with RFC 8188's header: salt(16) rs(4) idlen(1) keyid (the sender's public key, 65 bytes), then
 * one record (a push message is one record): AES-128-GCM, the plaintext ending in the 0x02 delimiter and padding.
 */
export function decryptAes128gcm(body: Buffer, receiver: ECDH, auth: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idlen = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid should be the sender's 65-byte public key, is ${idlen} bytes`);
  const ecdhSecret = receiver.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.getPublicKey(), senderPublic]);
  const ikm = hkdf(auth, ecdhSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  const delimiter = padded.lastIndexOf(2);
  if (delimiter < 0 || padded.subarray(delimiter + 1).some((b) => b !== 0))
    throw new Error('no 0x02 padding delimiter (last record)');
  return padded.subarray(0, delimiter);
}
