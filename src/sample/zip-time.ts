/**
 * Sets every modification time in a ZIP archive (an XLSX file is one) to one fixed DOS date-time.
 *
 * Why: the XLSX writer stamps each entry with the current time, so two runs of the sample generator would differ
 * in a few bytes and the committed sample could never be checked byte for byte. The timestamps are not covered by
 * the entries' CRCs, so rewriting them in place leaves a valid archive with identical contents.
 */
export function setZipTimes(zip: Uint8Array, time: { year: number; month: number; day: number }): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dosDate = ((time.year - 1980) << 9) | (time.month << 5) | time.day;
  const eocd = findEndOfCentralDirectory(view);
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < entries; i += 1) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error(`zip: no central directory entry at byte ${p}`);
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, dosDate, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`zip: no local header at byte ${local}`);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, dosDate, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

function findEndOfCentralDirectory(view: DataView): number {
  for (let p = view.byteLength - 22; p >= Math.max(0, view.byteLength - 22 - 0xffff); p -= 1) {
    if (view.getUint32(p, true) === 0x06054b50) return p;
  }
  throw new Error('zip: end of central directory not found');
}
