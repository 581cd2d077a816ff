/** Options: what the organisation's managed policy sets and locks (read-only). */
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { PolicyState } from '../shared/messaging/protocol';

/** The plain-words name of a locked setting (`optPolicyKey_<name>`), or the name itself. */
function settingName(lang: UiLanguage, name: string): string {
  const key = `optPolicyKey_${name}`;
  const text = translate(lang, key);
  return text === key ? name : text;
}

export function PolicySection({ policy, lang }: { policy: PolicyState; lang: UiLanguage }) {
  return (
    <section aria-labelledby="policy-heading" class="policy">
      <h2 id="policy-heading">{translate(lang, 'optPolicyHeading')}</h2>
      {policy.set.length === 0 ? (
        <p>{translate(lang, 'optPolicyNone')}</p>
      ) : (
        <ul class="plain">
          {policy.locked.map((name) => (
            <li key={name} class="locked">
              <span aria-hidden="true">🔒 </span>
              {translate(lang, 'optPolicyLocked', settingName(lang, name))}
            </li>
          ))}
          <li>
            {translate(lang, 'optPolicyUserFeeds')}: {translate(lang, policy.allowUserFeeds ? 'optAllowed' : 'optNotAllowed')}
          </li>
          <li>
            {translate(lang, 'optPolicyDismiss')}: {translate(lang, policy.allowDismiss ? 'optAllowed' : 'optNotAllowed')}
          </li>
          <li>
            {translate(lang, 'optPolicyAllowlist')}: {translate(lang, policy.allowUserAllowlist ? 'optAllowed' : 'optNotAllowed')}
          </li>
          <li>
            {translate(lang, 'optPolicyContinue')}: {translate(lang, policy.allowContinueAnyway ? 'optAllowed' : 'optNotAllowed')}
          </li>
          {policy.refreshIntervalMinutes !== null && <li>{translate(lang, 'optPolicyRefresh', String(policy.refreshIntervalMinutes))}</li>}
        </ul>
      )}
    </section>
  );
}
