import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 (hex) of a document's text: pure JS, so it runs inside the workflow sandbox. */
export const contentHash = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));
