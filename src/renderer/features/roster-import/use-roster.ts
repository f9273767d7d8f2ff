import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { ColumnMappingDto, RosterKind } from '../../../shared/contract/roster.contract.ts';
import { call } from '../../api.ts';
import { fileToBase64 } from '../reports/download.ts';

// The roster being imported: the file (read once into base64), its kind and department, and the
// choices that shape the dry run (sheet, column mapping, programs accepted as new). Every change
// runs roster:preview again; nothing is written until commit.

export interface RosterFile {
  name: string;
  size: number;
  base64: string;
  /** Changes with every file chosen, so the same name chosen again still re-reads it. */
  token: number;
}

export interface RosterChoices {
  kind: RosterKind;
  sheet: string | null;
  mapping: ColumnMappingDto | null;
  acceptPrograms: string[];
}

export type RosterSource = Omit<CallInput<'roster:preview'>, never>;

export function sourceOf(file: RosterFile, departmentId: string, choices: RosterChoices): RosterSource {
  return {
    file: { name: file.name, base64: file.base64 },
    kind: choices.kind,
    departmentId,
    sheet: choices.sheet ?? undefined,
    mapping: choices.mapping ?? undefined,
    acceptPrograms: choices.acceptPrograms.length > 0 ? choices.acceptPrograms : undefined,
  };
}

let tokens = 0;

export async function readRosterFile(file: File): Promise<RosterFile> {
  return { name: file.name, size: file.size, base64: await fileToBase64(file), token: (tokens += 1) };
}

export function useRosterPreview(
  file: RosterFile | null,
  departmentId: string | null,
  choices: RosterChoices,
) {
  return useQuery({
    queryKey: [
      'roster:preview',
      file?.token,
      departmentId,
      choices.kind,
      choices.sheet,
      choices.mapping,
      choices.acceptPrograms,
    ],
    queryFn: () => call('roster:preview', sourceOf(file!, departmentId!, choices)),
    enabled: file !== null && departmentId !== null,
    placeholderData: keepPreviousData,
    gcTime: 60_000,
    staleTime: Infinity,
    retry: false,
  });
}

export function useRosterChoices(): [RosterChoices, (change: Partial<RosterChoices>) => void] {
  const [choices, setChoices] = useState<RosterChoices>({
    kind: 'students',
    sheet: null,
    mapping: null,
    acceptPrograms: [],
  });
  return [choices, (change) => setChoices((c) => ({ ...c, ...change }))];
}
