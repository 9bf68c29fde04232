'use client';

import { useState } from 'react';
import { AdminForm, TextField } from '@/app/(hr)/admin/_components/admin-form';
import styles from '@/app/(hr)/admin/_components/admin-form.module.css';
import { DetailFields } from '@/app/(employee)/requests/_components/detail-fields';
import type { RequestDetails } from '@/lib/requests';
import { addNoteAction, approveRequestAction, denyRequestAction, requestChangesAction } from '../actions';

type Props = { requestId: string; version: number; details: RequestDetails };

function Ids({ requestId, version }: { requestId: string; version: number }) {
  return (
    <>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

export function ApproveForm({ requestId, version, details }: Props) {
  const [withChanges, setWithChanges] = useState(false);
  return (
    <AdminForm action={approveRequestAction} submitLabel={withChanges ? 'Approve with these changes' : 'Approve'}>
      <Ids requestId={requestId} version={version} />
      <TextField name="message" label="Message to the employee (optional)" multiline hint="Part of the written answer the employee can print." />
      <label className={styles.option}>
        <input type="checkbox" name="withChanges" checked={withChanges} onChange={(e) => setWithChanges(e.currentTarget.checked)} />
        Approve with changes
      </label>
      {withChanges && <DetailFields details={details} typeLocked idPrefix="approve-" />}
    </AdminForm>
  );
}

export function RequestChangesForm({ requestId, version }: Omit<Props, 'details'>) {
  return (
    <AdminForm action={requestChangesAction} submitLabel="Ask for changes" submitClassName="btn btn-secondary">
      <Ids requestId={requestId} version={version} />
      <TextField name="message" label="What should change?" multiline required hint="The employee sees this and can update the request." />
    </AdminForm>
  );
}

export function DenyForm({ requestId, version }: Omit<Props, 'details'>) {
  return (
    <AdminForm action={denyRequestAction} submitLabel="Deny" submitClassName="btn btn-danger">
      <Ids requestId={requestId} version={version} />
      <TextField name="message" label="Reason for the denial" multiline required hint="Required. It becomes the written answer the employee can print." />
    </AdminForm>
  );
}

export function NoteForm({ requestId }: { requestId: string }) {
  return (
    <AdminForm action={addNoteAction} submitLabel="Add note" submitClassName="btn btn-secondary" resetOnSuccess>
      <input type="hidden" name="requestId" value={requestId} />
      <TextField name="body" label="Internal note" multiline required hint="Only HR and admins see notes. The employee never does." />
    </AdminForm>
  );
}
