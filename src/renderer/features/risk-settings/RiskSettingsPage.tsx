import { useState, type FormEvent, type ReactElement } from 'react';
import { Alert, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CONTRACT, type CallOutput } from '../../../shared/contract/index.ts';
import type { RiskRunSummary, RiskThresholds } from '../../../shared/contract/risk.contract.ts';
import { call, errorMessage } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconRefresh } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { useUrlFilters } from '../students/url-filters.ts';
import { numberOrNull, useTypedForm } from '../users/use-typed-form.ts';
import { RULES, type RuleKey } from './rules.ts';
import { NormsForm } from '../compliance/NormsForm.tsx';
import { HandoverNotesSetting } from '../notes/HandoverNotesSetting.tsx';

type View = CallOutput<'risk:get-thresholds'>;
type Values = Record<`${RuleKey}.${'medium' | 'high'}`, number | string>;

function valuesOf(t: RiskThresholds): Values {
  const v = {} as Values;
  for (const r of RULES) {
    v[`${r.key}.medium`] = t[r.key].medium ?? '';
    v[`${r.key}.high`] = t[r.key].high ?? '';
  }
  return v;
}

function thresholdsOf(v: Values): RiskThresholds {
  const t = {} as Record<RuleKey, { medium: number | null; high: number | null }>;
  for (const r of RULES)
    t[r.key] = { medium: numberOrNull(v[`${r.key}.medium`]), high: numberOrNull(v[`${r.key}.high`]) };
  return t as RiskThresholds;
}

function RunSummary({ run, title }: { run: RiskRunSummary; title: string }): ReactElement {
  return (
    <Alert color="teal" variant="light" title={title}>
      {run.evaluated} students evaluated: {run.levels.HIGH ?? 0} high, {run.levels.MEDIUM ?? 0} medium,{' '}
      {run.levels.LOW ?? 0} low risk. {run.changedLevels} changed level; alerts {run.alertsRaised} raised,{' '}
      {run.alertsUpdated} updated, {run.alertsClosed} closed automatically.
    </Alert>
  );
}

interface RunNote {
  run: RiskRunSummary;
  title: string;
}

function ThresholdsForm({
  view,
  departmentId,
  run,
  setRun,
}: {
  view: View;
  departmentId?: string;
  /** Kept by the page: saving reloads the thresholds, which remounts this form. */
  run: RunNote | null;
  setRun(run: RunNote | null): void;
}): ReactElement {
  const client = useQueryClient();
  const schema = CONTRACT['risk:set-thresholds'].input;
  const form = useTypedForm(
    schema,
    valuesOf(view.thresholds),
    (v) => ({ departmentId, thresholds: thresholdsOf(v) }),
    (p) => p.replace(/^thresholds\./, ''),
  );
  const [busy, setBusy] = useState<'save' | 'run' | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const refresh = (): Promise<void> =>
    invalidateCalls(client, ['risk:get-thresholds', 'students:list', 'students:get', 'alerts:list']);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy('save');
    setRun(null);
    try {
      const r = await call('risk:set-thresholds', input);
      setRun({ run: r.run, title: 'Thresholds saved and every student re-evaluated' });
      await refresh();
    } catch (err) {
      form.showError(err);
    } finally {
      setBusy(null);
    }
  };
  const runNow = async (): Promise<void> => {
    setBusy('run');
    setRun(null);
    setRunError(null);
    try {
      setRun({ run: await call('risk:run-department', { departmentId }), title: 'Risk re-evaluated' });
      await refresh();
    } catch (err) {
      setRunError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Paper p="md">
        <Table layout="fixed" verticalSpacing="sm" aria-label="Risk thresholds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th w={170}>Medium risk</Table.Th>
              <Table.Th w={170}>High risk</Table.Th>
              <Table.Th w={200}>Default</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {RULES.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.help}
                  </Text>
                </Table.Td>
                {(['medium', 'high'] as const).map((level) => (
                  <Table.Td key={level}>
                    <NumberInput
                      aria-label={`${r.label}: ${level} risk`}
                      placeholder="Off"
                      min={r.min}
                      max={r.max}
                      decimalScale={r.decimals}
                      allowDecimal={r.decimals > 0}
                      suffix={r.suffix}
                      value={form.values[`${r.key}.${level}`]}
                      error={form.errors[`${r.key}.${level}`]}
                      onChange={(v) => form.set(`${r.key}.${level}`, v)}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {r.describe(view.defaults[r.key])}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt="xs">
          Leave a box empty to switch that level off. A student’s level is the highest any rule gives;
          automatic alerts follow it (Warning for medium, Critical for high) and close themselves when the
          student no longer meets the rule.
        </Text>
      </Paper>
      <Stack gap="sm" mt="md">
        <FormAlert message={form.formError ?? runError} />
        {run && <RunSummary run={run.run} title={run.title} />}
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() => form.reset(valuesOf(view.defaults))}
            disabled={busy !== null}
          >
            Fill in the defaults
          </Button>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={busy === 'run'}
              disabled={busy === 'save'}
              onClick={() => void runNow()}
            >
              Re-evaluate now
            </Button>
            <Button type="submit" loading={busy === 'save'} disabled={busy === 'run'}>
              Save thresholds
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function RiskSettingsPage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const multi = user.role !== 'DEPARTMENT_ADMIN';
  const departmentId = multi ? url.get('department') || undefined : undefined;
  const [run, setRun] = useState<RunNote | null>(null);
  const query = useQuery({
    queryKey: ['risk:get-thresholds', departmentId ?? null],
    queryFn: () => call('risk:get-thresholds', { departmentId }),
    enabled: !multi || departmentId !== undefined,
  });
  const view = query.data;
  return (
    <>
      <PageHeader
        title="Risk thresholds"
        description={
          view ? (
            <>
              {view.departmentName} ·{' '}
              {view.isDefault ? (
                <Badge size="sm" color="gray">
                  Using the defaults
                </Badge>
              ) : (
                `saved ${formatDateTime(view.updatedAt)}`
              )}
            </>
          ) : (
            'When a student counts as medium or high risk.'
          )
        }
        actions={
          multi && (
            <UrlDepartmentSelect
              aria-label="Department"
              placeholder="Choose a department"
              clearable={false}
              url={url}
              w={280}
            />
          )
        }
      />
      {multi && !departmentId ? (
        <Text c="dimmed">Choose a department to see and change its thresholds.</Text>
      ) : (
        <QueryState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          {view && (
            <ThresholdsForm
              key={`${view.departmentId}:${view.updatedAt ?? ''}`}
              view={view}
              departmentId={departmentId}
              run={run}
              setRun={setRun}
            />
          )}
        </QueryState>
      )}
      {(!multi || departmentId) && (
        <>
          <NormsForm key={departmentId ?? 'own'} departmentId={departmentId} />
          <HandoverNotesSetting key={`notes:${departmentId ?? 'own'}`} departmentId={departmentId} />
        </>
      )}
    </>
  );
}
