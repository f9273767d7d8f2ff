import { describe, expect, it } from 'vitest';
import { saveDialogOptions } from './save-dialog.ts';

describe('native save dialog options', () => {
  it('suggests the file name in the folder, with the file type first', () => {
    expect(saveDialogOptions('smms-risk-2026-11-25.pdf', '/home/asha/Documents/')).toEqual({
      title: 'Save report',
      defaultPath: '/home/asha/Documents/smms-risk-2026-11-25.pdf',
      filters: [
        { name: 'PDF document', extensions: ['pdf'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(saveDialogOptions('students.xlsx', 'C:\\Users\\asha\\Documents', '\\').defaultPath).toBe(
      'C:\\Users\\asha\\Documents\\students.xlsx',
    );
  });

  it('keeps a name from the page inside the folder', () => {
    expect(saveDialogOptions('../../etc/passwd', '/docs').defaultPath).toBe('/docs/passwd');
    expect(saveDialogOptions('..\\..\\x.csv', '/docs').defaultPath).toBe('/docs/x.csv');
    expect(saveDialogOptions('', '/docs').defaultPath).toBe('/docs/smms-file');
    expect(saveDialogOptions('notes', '/docs').filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
