/**
 * A `fetch` over the file system, so the scripts read a refreshed data set through the same core readers as the
 * browser (src/dataset/details.ts): the URL is a file path (its query, such as a chunk's `?sha256=`, dropped).
 */
import { readFile } from 'node:fs/promises';

export const fileFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const file = url.replace(/[?#].*$/, '');
  try {
    return new Response(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new Response(null, { status: 404 });
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
};
