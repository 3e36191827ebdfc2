import type { AlertChannel, AlertDto, AlertStatus } from '@undercurrent/contracts';
import { ALERT_STATUSES } from '@undercurrent/contracts';
import { useId, useState } from 'react';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, errorMessage } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { TableContainer } from '../components/TableContainer';
import { useAcknowledgeAlert, useAlert, useAlerts, useSnoozeAlert } from '../hooks/useAlerts';
import { navigate, paths } from '../hooks/useHashRoute';
import { usePersonNames } from '../hooks/usePeople';
import { SIGNAL_TYPE_LABELS } from '../lib/format';

const STATUS_LABELS: Record<AlertStatus, string> = {
  queued: 'Queued',
  held: 'Held (quiet hours)',
  sent: 'Sent',
  failed: 'Failed',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
};

const STATUS_BADGE: Record<AlertStatus, string> = { queued: 'queued', held: 'queued', sent: 'completed', failed: 'failed', acknowledged: 'running', snoozed: 'queued' };

const CHANNEL_LABELS: Record<AlertChannel, string> = { slack_dm: 'Slack DM', slack_channel: 'Slack channel', webhook: 'Webhook' };

function StatusBadge({ status }: { status: AlertStatus }) {
  return <span className={`badge badge--${STATUS_BADGE[status]}`}>{STATUS_LABELS[status]}</span>;
}

/** Acknowledge, or snooze until a chosen day (09:00 in the reader's zone): either way nothing more is sent for it. */
function AlertActions({ alert, highlight }: { alert: AlertDto; highlight?: 'ack' | 'snooze' | null }) {
  const acknowledge = useAcknowledgeAlert();
  const snooze = useSnoozeAlert();
  const [day, setDay] = useState('');
  const dayId = useId();
  if (alert.status === 'acknowledged') return <span className="muted">Acknowledged</span>;
  const problem = acknowledge.error ?? snooze.error;
  return (
    <div className="alert-actions">
      <button type="button" className={highlight === 'ack' ? 'button button--primary' : 'button'} disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(alert.id)}>
        Acknowledge
      </button>
      <form
        className="alert-actions__snooze"
        onSubmit={(event) => {
          event.preventDefault();
          if (day) snooze.mutate({ id: alert.id, until: new Date(`${day}T09:00`).toISOString() });
        }}
      >
        <label htmlFor={dayId}>Snooze until</label>
        <input id={dayId} type="date" required value={day} onChange={(event) => setDay(event.target.value)} />
        <button type="submit" className={highlight === 'snooze' ? 'button button--primary' : 'button'} disabled={snooze.isPending || !day}>
          Snooze
        </button>
      </form>
      {problem ? (
        <p className="form-problem" role="alert">
          {errorMessage(problem)}
        </p>
      ) : null}
    </div>
  );
}

function AlertsTable({ alerts }: { alerts: AlertDto[] }) {
  const nameOf = usePersonNames();
  return (
    <TableContainer caption={`Alerts, newest first (${alerts.length})`}>
      <thead>
        <tr>
          {['Created', 'About', 'Signal', 'To', 'Status', 'Tries', 'Problem'].map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.id}>
            <td className="nowrap">
              <a href={paths.alert(alert.id)}>
                <DateTime iso={alert.createdAt} />
              </a>
            </td>
            <td>
              <a href={paths.person(alert.personId)}>{nameOf(alert.personId)}</a>
            </td>
            <td>
              <a href={paths.signal(alert.signalId)}>
                {SIGNAL_TYPE_LABELS[alert.signalType]} since {alert.openedWeek}
              </a>
            </td>
            <td>
              {CHANNEL_LABELS[alert.channel]}
              {alert.channel === 'webhook' ? null : <span className="cell-note">{alert.channel === 'slack_dm' ? nameOf(alert.recipient) : alert.recipient}</span>}
            </td>
            <td>
              <StatusBadge status={alert.status} />
            </td>
            <td>{alert.attempts}</td>
            <td>{alert.lastError ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </TableContainer>
  );
}

export function AlertsPage({ status }: { status: AlertStatus | null }) {
  const alerts = useAlerts({ status });
  const statusId = useId();
  return (
    <>
      <PageHeader title="Alerts" description="Who was told about which signal, how, and whether it arrived: one alert per episode and recipient, never sent twice." />
      <form className="filters" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status ?? ''} onChange={(event) => navigate(paths.alerts((event.target.value || null) as AlertStatus | null))}>
            <option value="">All</option>
            {ALERT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryView query={alerts} what="the alerts">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={status ? 'No alerts with this status.' : 'No alerts yet.'}>Alerts appear here when a signal that alerts opens (see the organisation file's alerts).</EmptyState>
          ) : (
            <AlertsTable alerts={list} />
          )
        }
      </QueryView>
    </>
  );
}

/** One alert (the message's buttons lead here): what it is, every try, and acknowledge or snooze. */
export function AlertPage({ alertId, action }: { alertId: string; action: 'ack' | 'snooze' | null }) {
  const alert = useAlert(alertId);
  const nameOf = usePersonNames();
  return (
    <QueryView query={alert} what="the alert" header={<PageHeader title="Alert" />}>
      {(data) => (
        <>
          <PageHeader
            title={`Alert: ${nameOf(data.personId)}`}
            description={
              <>
                {SIGNAL_TYPE_LABELS[data.signalType]} since {data.openedWeek}: <a href={paths.signal(data.signalId)}>the signal and its evidence</a>.
              </>
            }
          />
          <dl className="facts">
            <div>
              <dt>Status</dt>
              <dd>
                <StatusBadge status={data.status} />
              </dd>
            </div>
            <div>
              <dt>To</dt>
              <dd>
                {CHANNEL_LABELS[data.channel]} {data.channel === 'slack_dm' ? nameOf(data.recipient) : data.channel === 'slack_channel' ? data.recipient : ''}
              </dd>
            </div>
            <div>
              <dt>Sent</dt>
              <dd>
                <DateTime iso={data.sentAt} empty="Not yet" />
              </dd>
            </div>
            {data.snoozedUntil ? (
              <div>
                <dt>Snoozed until</dt>
                <dd>
                  <DateTime iso={data.snoozedUntil} />
                </dd>
              </div>
            ) : null}
          </dl>
          <AlertActions alert={data} highlight={action} />
          <Section title="Delivery attempts">
            {data.attemptLog.length === 0 ? (
              <EmptyState title="No attempt yet.">It is waiting for its turn.</EmptyState>
            ) : (
              <TableContainer caption="Every try, oldest first">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Result</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {data.attemptLog.map((attempt, i) => (
                    <tr key={i}>
                      <td className="nowrap">
                        <DateTime iso={attempt.attemptedAt} />
                      </td>
                      <td>{attempt.result.replace('_', ' ')}</td>
                      <td>{attempt.error ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </TableContainer>
            )}
          </Section>
        </>
      )}
    </QueryView>
  );
}
