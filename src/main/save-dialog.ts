// Where and how the native Save dialog opens for a file the renderer hands over as a download
// (reports, exports, roster error reports). Plain data, so vitest can check it without Electron.

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  csv: { name: 'CSV file', extensions: ['csv'] },
  json: { name: 'JSON file', extensions: ['json'] },
  zip: { name: 'ZIP archive', extensions: ['zip'] },
};

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

/** The file's own type first, then "All files"; the folder is the last one used (or Documents). */
export function saveDialogOptions(fileName: string, folder: string, sep = '/'): SaveDialogOptions {
  // A name from the page is only a suggestion: never let it climb out of the folder.
  const safeName = fileName.split(/[\\/]/).pop()?.replace(/^\.+/, '') || 'smms-file';
  const ext = safeName.includes('.') ? safeName.split('.').pop()!.toLowerCase() : '';
  const own = FILTERS[ext];
  const kind = ext === 'pdf' ? 'report' : 'file';
  return {
    title: `Save ${kind}`,
    defaultPath: `${folder.replace(/[\\/]+$/, '')}${sep}${safeName}`,
    filters: [...(own ? [own] : []), { name: 'All files', extensions: ['*'] }],
  };
}
