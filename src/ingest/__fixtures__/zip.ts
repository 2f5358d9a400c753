/**
 * Test support: a zip made from parts (each deflated), as XLSX tests need them, Node only. Not for the app.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** A zip from parts; `declare` overrides an entry's declared uncompressed size (a lying header). */
export function zip(parts: Record<string, string | Uint8Array>, declare: Record<string, number> = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const size = declare[name] ?? data.byteLength;
    // Both headers carry method, CRC, sizes and name length: at 8 and 14… in the local one, 2 bytes later centrally.
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(8, at + 8);
      header.writeUInt32LE(crc32(data), at + 14);
      header.writeUInt32LE(packed.byteLength, at + 18);
      header.writeUInt32LE(size, at + 22);
      header.writeUInt16LE(nameBytes.byteLength, at + 26);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 2);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.byteLength + packed.byteLength;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dir.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
