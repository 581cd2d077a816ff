/**
 * Extraction and verdict accuracy of `Matcher.matchMessage` on real text
 * (`test/fixtures/text/message-parts.json`: statements, news reports and scam SMS, each
 * item with what its source says it is). Shared by `message-accuracy.test.ts` and
 * `npm run bench`. Test tooling: reads the repository's fixtures.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feed } from '../../feed/feed-schema';
import { parseFeed } from '../../feed/validate-feed';
import type { Matcher } from '../matcher';
import type { FindingKind, MessageFinding } from '../message-check';
import { isWarning } from '../verdict';
import { defaultFeedInput } from './test-feed';

export interface ExpectedPart {
  kind: Exclude<FindingKind, 'mention'>;
  text: string;
  /** What the source says it is. */
  truth: 'official' | 'scam' | 'other';
  agency?: string;
}
export interface MessageItem {
  kind: 'report' | 'scam';
  lang: string;
  source: string;
  sender?: string;
  text: string;
  expect: ExpectedPart[];
}

const FILE = resolve(import.meta.dirname, '../../../../test/fixtures/text/message-parts.json');

/** The items of the fixture. */
export function messageItems(): MessageItem[] {
  return (JSON.parse(readFileSync(FILE, 'utf8')) as { items: MessageItem[] }).items;
}

/** The default feed plus HKeToll and the Water Supplies Department, with the facts their own statements in the fixture give. */
export function messageFeed(): Feed {
  const input = defaultFeedInput();
  const base = input.agencies[0]!;
  const body = (id: string, en: string, zh: string, domain: string, hotline: string) => ({
    ...structuredClone(base),
    id,
    names: { en, 'zh-Hant': zh },
    aliases: [],
    official_domains: [domain],
    brand_tokens: undefined,
    hotline,
    email: undefined,
    website: `https://www.${domain}/`,
  });
  input.agencies.push(
    body('hketoll', 'HKeToll', '易通行', 'hketoll.gov.hk', '3853 7333'),
    body('wsd', 'Water Supplies Department', '水務署', 'wsd.gov.hk', '2824 5000'),
  );
  return parseFeed(input);
}

/** One expected part and what the engine made of it. */
export interface PartResult {
  item: number;
  expected: ExpectedPart;
  finding: MessageFinding | null;
  right: boolean;
}

/** The score of a run. */
export interface AccuracyReport {
  parts: PartResult[];
  /** Findings no item expects (mentions aside) that warn: false alarms. */
  extraWarnings: Array<{ item: number; finding: MessageFinding }>;
  /** Findings no item expects (mentions aside), warning or not. */
  extra: Array<{ item: number; finding: MessageFinding }>;
}

/** True when the finding's verdict is what the source says. */
export function judgedRight(expected: ExpectedPart, finding: MessageFinding): boolean {
  const v = finding.verdict;
  const agencyOk = expected.agency === undefined || v.agency === expected.agency;
  switch (expected.truth) {
    case 'official':
      return v.verdict === 'official' && agencyOk && (expected.agency !== undefined || v.agency === null);
    case 'scam':
      return isWarning(v.severity) && agencyOk;
    case 'other':
      return !isWarning(v.severity);
  }
}

/** Runs the matcher over every item and scores it. */
export function measureMessages(matcher: Matcher, items: readonly MessageItem[] = messageItems()): AccuracyReport {
  const report: AccuracyReport = { parts: [], extraWarnings: [], extra: [] };
  items.forEach((item, index) => {
    const { findings } = matcher.matchMessage(item.text, { sender: item.sender });
    const unused = findings.filter((f) => f.kind !== 'mention');
    for (const expected of item.expect) {
      const at = unused.findIndex((f) => f.kind === expected.kind && f.text === expected.text);
      const finding = at >= 0 ? unused.splice(at, 1)[0]! : null;
      report.parts.push({ item: index, expected, finding, right: finding !== null && judgedRight(expected, finding) });
    }
    for (const finding of unused) {
      report.extra.push({ item: index, finding });
      if (isWarning(finding.verdict.severity)) report.extraWarnings.push({ item: index, finding });
    }
  });
  return report;
}

/** Counts per kind and truth: expected, found, judged right. */
export function summarise(report: AccuracyReport): Array<{ kind: string; truth: string; expected: number; found: number; right: number }> {
  const rows = new Map<string, { kind: string; truth: string; expected: number; found: number; right: number }>();
  for (const p of report.parts) {
    const key = `${p.expected.kind}/${p.expected.truth}`;
    const row = rows.get(key) ?? { kind: p.expected.kind, truth: p.expected.truth, expected: 0, found: 0, right: 0 };
    row.expected += 1;
    if (p.finding) row.found += 1;
    if (p.right) row.right += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.truth.localeCompare(b.truth));
}
