// What a key without the write scope is told where a management form would be.
export function ReadOnlyNote(): React.JSX.Element {
  return (
    <p className="explain" data-testid="read-only-note">
      This key can read but not change site settings: it lacks the <code>sites:provision</code> scope. Add a
      key created with that scope on the Accounts screen to make changes here.
    </p>
  )
}
