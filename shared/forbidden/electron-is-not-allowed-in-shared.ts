// shared/ runs in the hub, the renderer and the main process alike, so it may not import Electron.
// tsconfig maps "electron" here; this file is outside the project's file list, so any such import fails the build.
export {};
