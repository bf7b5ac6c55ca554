// "Today" by the minute, as far as the public API allows: it has no minute buckets (`time:minute` is
// internal, §4.3) and a day of single-minute queries would cost up to 1,440 requests, so today's graph
// stays hourly and says so; the realtime view builds the last 30 minutes minute by minute.
export function MinuteIntervalNote({ onRealtime }: { onRealtime: () => void }): React.JSX.Element {
  return (
    <p className="notice graph-notice" data-testid="minute-interval-note">
      Today is drawn by the hour: Plausible’s public API has no minute buckets, and asking each minute of the
      day would take up to 1,440 requests.{' '}
      <button
        type="button"
        className="link-button"
        data-testid="minute-interval-realtime"
        onClick={onRealtime}
      >
        The last 30 minutes by the minute: Realtime (R)
      </button>
    </p>
  )
}
