import { dirname, sep } from 'node:path';
import { app, type Session } from 'electron';
import { preferences } from './preferences.ts';
import { saveDialogOptions } from './save-dialog.ts';

// Files the renderer saves (reports, exports) arrive as downloads; with no save path set, Electron
// asks with the native Save dialog. This gives that dialog a title, the file type and the last folder.

export function nativeSaveDialogs(ses: Session): void {
  ses.on('will-download', (_event, item) => {
    const folder = preferences.get('lastSaveFolder') ?? app.getPath('documents');
    item.setSaveDialogOptions(saveDialogOptions(item.getFilename(), folder, sep));
    item.once('done', (_e, state) => {
      if (state === 'completed' && item.getSavePath()) {
        preferences.set('lastSaveFolder', dirname(item.getSavePath()));
      }
    });
  });
}
