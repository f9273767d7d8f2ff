import { useState, type ReactElement } from 'react';
import { Alert, Button, Code, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { call, errorMessage } from '../../api.ts';
import { ROLE_LABELS } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';

// First run, "just looking": a made-up college instead of the real setup, with one account per
// role to sign in as. The core refuses it once the database holds anything.

type Demo = CallOutput<'setup:load-demo'>;

function Accounts({ demo }: { demo: Demo }): ReactElement {
  const session = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signInAs = async (email: string): Promise<void> => {
    setBusy(email);
    setError(null);
    try {
      session.signedIn(await call('auth:login', { email, password: demo.password }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };
  return (
    <Stack gap="md">
      <Text size="sm">
        The demo college is ready, dated around today ({demo.asOf}). Every demo account has the password{' '}
        <Code>{demo.password}</Code>. Sign in as one of them:
      </Text>
      <Table verticalSpacing={6}>
        <Table.Tbody>
          {demo.accounts.map((a) => (
            <Table.Tr key={a.email}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {ROLE_LABELS[a.role]}
                </Text>
                <Text size="xs" c="dimmed">
                  {a.name} · {a.email}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="compact-sm"
                  variant="light"
                  loading={busy === a.email}
                  disabled={busy !== null}
                  onClick={() => void signInAs(a.email)}
                >
                  Sign in as {ROLE_LABELS[a.role].toLowerCase()}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <FormAlert message={error} />
      <Text size="xs" c="dimmed">
        Other mentors sign in as firstname.lastname@demo.smms, students as their roll number @demo.smms. Sign
        out to switch accounts.
      </Text>
    </Stack>
  );
}

function LoadDemoDialog({ onClose }: { onClose(): void }): ReactElement {
  const session = useSession();
  const [demo, setDemo] = useState<Demo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setDemo(await call('setup:load-demo', {}));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (demo) return <Accounts demo={demo} />;
  return (
    <Stack gap="md">
      <Text size="sm">
        This fills the empty database with a made-up college: three departments, twelve mentors and 150
        students with a term of sessions, goals, feedback and alerts. Use it to try SMMS or to train staff.
      </Text>
      <Alert color="yellow" variant="light" title="Only for trying out">
        A database with demo data cannot be set up for real use afterwards. For your institution, close this
        and fill in the setup form instead.
      </Alert>
      <FormAlert title="Demo data not loaded" message={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button loading={busy} onClick={() => void load()}>
          Load demo data
        </Button>
      </Group>
      {error && (
        <Button variant="subtle" size="xs" onClick={session.retry}>
          Check the database again
        </Button>
      )}
    </Stack>
  );
}

/** The first-run corner card offering the demo college; sits beside the setup form. */
export function LoadDemoCard(): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Paper
        p="md"
        shadow="xs"
        w={240}
        pos="fixed"
        top={24}
        right={24}
        style={{ zIndex: 10 }}
        component="aside"
        aria-label="Demo data"
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            Just looking?
          </Title>
          <Text size="sm" c="dimmed">
            Try SMMS with a sample college and ready-made accounts for every role.
          </Text>
          <Button variant="light" onClick={() => setOpen(true)}>
            Load demo data
          </Button>
        </Stack>
      </Paper>
      <Modal
        lockScroll={false}
        opened={open}
        onClose={() => setOpen(false)}
        title="Load demo data"
        size="lg"
        closeOnClickOutside={false}
      >
        {open && <LoadDemoDialog onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
