import { buildRenderer, needsBuild } from '../../../main/launch/renderer-build';
import { rendererBuildDir, rendererSourceDir } from './renderer-dir';

/** Builds the renderer once for the whole run, when its sources changed since the last build. */
export default function globalSetup(): void {
  if (needsBuild(rendererSourceDir, rendererBuildDir)) buildRenderer(rendererSourceDir, rendererBuildDir);
}
