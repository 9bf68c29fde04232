'use client';

import { AdminForm, TextField } from '@/app/(hr)/admin/_components/admin-form';
import styles from '@/app/(hr)/admin/_components/admin-form.module.css';
import type { RequestDetails } from '@/lib/requests';
import { saveRequestAction } from '../actions';
import { DetailFields } from './detail-fields';

type Editing = { id: string; version: number; details: RequestDetails; fromDate: string; untilDate: string | null; note: string | null; status: string };

/** New request, or changes to a draft or to a request HR sent back. */
export function RequestForm({ request, today }: { request?: Editing; today: string }) {
  const resubmit = request?.status === 'changes_requested';
  return (
    <AdminForm
      action={saveRequestAction}
      submitLabel="Submit"
      actions={
        <>
          <button type="submit" name="intent" value="submit" className="btn">
            {resubmit ? 'Send changes to HR' : 'Submit to HR'}
          </button>
          {!resubmit && (
            <button type="submit" name="intent" value="draft" className="btn btn-secondary">
              Save draft
            </button>
          )}
        </>
      }
    >
      {request && (
        <>
          <input type="hidden" name="requestId" value={request.id} />
          <input type="hidden" name="version" value={request.version} />
        </>
      )}
      <DetailFields details={request?.details} typeLocked={Boolean(request)} />
      <div className={styles.row}>
        <TextField name="fromDate" label="From" type="date" required defaultValue={request?.fromDate ?? today} hint="The first day it should apply." />
        <TextField name="untilDate" label="Until (optional)" type="date" defaultValue={request?.untilDate ?? ''} hint="Leave empty if you do not know yet." />
      </div>
      <div className="alert alert-warn" id="note-warning">
        <strong>HR reads this note.</strong> Write only what you want HR to know; you do not need to give health details.
      </div>
      <TextField name="note" label="Note to HR (optional)" multiline defaultValue={request?.note ?? ''} hint="Up to 2000 characters." />
    </AdminForm>
  );
}
