import { join } from 'node:path';

/** Where the e2e run builds the renderer, apart from `npm start`'s own build. */
export const rendererBuildDir = join(import.meta.dirname, '..', '..', '..', 'dist', 'renderer-e2e');
export const rendererSourceDir = join(import.meta.dirname, '..', '..', '..', 'renderer');
