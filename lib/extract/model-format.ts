/** The committed weights file (model/checkworthiness.json), written by scripts/train-checkworthiness.ts. */
export interface CheckworthinessModelFile {
  name: string;
  featureVersion: number;
  hashBits: number;
  /** Score at or above which a sentence counts as check-worthy (F1-optimal on validation). */
  threshold: number;
  bias: number;
  /**
   * Platt scaling of the linear score z: the score shown is sigmoid(a·z + b), fitted on
   * predictions for sentences the weights never saw. Absent in the first model (v1).
   */
  calibration?: { a: number; b: number };
  /** Weights of the named dense features, by name. */
  dense: Record<string, number>;
  /** Hashed n-gram weights: little-endian int16, base64, multiplied by hashedScale. */
  hashed: string;
  hashedScale: number;
  /**
   * Weights for independent lines (scoreLines: debate transcripts, the CLI), when they differ from the
   * article weights above: the model is trained with domain copies (scripts/lib/cv.ts), and `dense` /
   * `hashed` hold shared + article copy, this shared + debate copy. Absent: the same weights for both.
   */
  lines?: { bias: number; dense: Record<string, number>; hashed: string; hashedScale: number };
  training: Record<string, unknown>;
}

export function encodeHashed(weights: ArrayLike<number>): { hashed: string; hashedScale: number } {
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
  const hashedScale = maxAbs === 0 ? 1 : Number((maxAbs / 32767).toPrecision(8));
  const bytes = new Uint8Array(weights.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) {
    const q = Math.max(-32767, Math.min(32767, Math.round(weights[i] / hashedScale)));
    view.setInt16(i * 2, q, true);
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return { hashed: btoa(binary), hashedScale };
}

export function decodeHashed(hashed: string, hashedScale: number): Float32Array {
  const binary = atob(hashed);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) * hashedScale;
  return out;
}
