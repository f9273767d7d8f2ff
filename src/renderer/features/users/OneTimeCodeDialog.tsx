import { useEffect, type ReactElement } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconPrinter } from '../../components/icons.tsx';
import { formatDateTime } from '../../format.ts';
import classes from './OneTimeCodeDialog.module.css';

export interface OneTimeCode {
  /** Whose code it is, as the slip names them. */
  name: string;
  email: string;
  code: string;
  expiresAt: string;
  /** 'invite': a new account's first password; 'reset': a forgotten one. */
  purpose: 'invite' | 'reset';
}

// The code is shown once: the core keeps only its hash. The slip prints on its own (the rest of
// the window is hidden while printing) so it can be handed over in person.
function printSlip(): void {
  document.body.classList.add(classes.printing!);
  const done = (): void => {
    document.body.classList.remove(classes.printing!);
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function OneTimeCodeDialog({
  code,
  onClose,
}: {
  code: OneTimeCode | null;
  onClose(): void;
}): ReactElement {
  useEffect(() => () => document.body.classList.remove(classes.printing!), []);
  return (
    <Modal
      lockScroll={false}
      opened={code !== null}
      onClose={onClose}
      title={code?.purpose === 'invite' ? 'Account created' : 'Password reset code'}
      centered
      size="md"
      closeOnClickOutside={false}
    >
      {code && (
        <Stack gap="md">
          <div className={classes.slip}>
            <Stack gap={6}>
              <Title order={2} size="h4" className={classes.printOnly}>
                SMMS Desktop · {code.purpose === 'invite' ? 'Your first sign-in' : 'Reset your password'}
              </Title>
              <Text size="sm">
                {code.name} ({code.email})
              </Text>
              <Text size="sm" c="dimmed">
                One-time code
              </Text>
              <Code
                block
                fz={24}
                fw={700}
                ta="center"
                style={{ letterSpacing: 2 }}
                aria-label="One-time code"
              >
                {code.code}
              </Code>
              <Text size="sm">
                On the sign-in screen choose “Use a reset code”, enter this email and the code, then a new
                password. The code works once and expires {formatDateTime(code.expiresAt)}.
              </Text>
            </Stack>
          </div>
          <Alert color="yellow" variant="light" title="Shown only now">
            Copy or print the code before closing. It cannot be shown again; issue a new one if it is lost.
          </Alert>
          <Group justify="space-between">
            <Group gap="sm">
              <CopyButton value={code.code}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    onClick={copy}
                  >
                    {copied ? 'Copied' : 'Copy code'}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={printSlip}>
                Print
              </Button>
            </Group>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
