/**
 * The law behind lactation breaks, as dated data. A site has a jurisdiction (a country, a
 * state, a city); each level has rule sets that apply from an effective date, each citing its
 * source. What applies at a site on a day is every level's newest rule set in force that day,
 * combined: a Washington site changes on 2027-01-01 with no redeploy.
 *
 * Every entry cites its source (the statute or the regulator's page); dates are the days the
 * change took effect. The README says which entries were checked against the bill text. Nothing
 * here is legal advice: it is the checklist Nook shows and the figures a break-time ledger will use.
 */
import type { CheckItem } from './reports';

export const JURISDICTION_CODES = ['US', 'US-CA', 'US-IL', 'US-MN', 'US-NY', 'US-NY-NYC', 'US-WA', 'GB'] as const;
export type JurisdictionCode = (typeof JURISDICTION_CODES)[number];

export const JURISDICTION_NAMES: Record<JurisdictionCode, string> = {
  US: 'United States (federal only)',
  'US-CA': 'California',
  'US-IL': 'Illinois',
  'US-MN': 'Minnesota',
  'US-NY': 'New York State (outside New York City)',
  'US-NY-NYC': 'New York City',
  'US-WA': 'Washington',
  GB: 'United Kingdom',
};

/** Each jurisdiction's levels, outermost first: a city's rules add to its state's, a state's to the federal ones. */
const LEVELS: Record<JurisdictionCode, Level[]> = {
  US: ['us-federal'],
  'US-CA': ['us-federal', 'us-ca'],
  'US-IL': ['us-federal', 'us-il'],
  'US-MN': ['us-federal', 'us-mn'],
  'US-NY': ['us-federal', 'us-ny'],
  'US-NY-NYC': ['us-federal', 'us-ny', 'us-ny-nyc'],
  'US-WA': ['us-federal', 'us-wa'],
  GB: ['gb'],
};

type Level = 'us-federal' | 'us-ca' | 'us-il' | 'us-mn' | 'us-ny' | 'us-ny-nyc' | 'us-wa' | 'gb';

/** When the written lactation policy must reach an employee. */
export type NoticeTrigger = 'hire' | 'yearly' | 'return_from_leave' | 'parental_leave_request' | 'on_request' | 'posted';

export const NOTICE_TRIGGER_LABELS: Record<NoticeTrigger, string> = {
  hire: 'at hire',
  yearly: 'every year',
  return_from_leave: 'on return to work after the birth',
  parental_leave_request: 'when she asks about or requests parental leave',
  on_request: 'on request',
  posted: 'posted at the workplace and on the intranet',
};

/** How break time is paid. `paidMinutes`: minutes of each break paid (null: every minute); `travelPaid`: time to walk to the room counts. */
export type BreakPay = { paid: false } | { paid: true; paidMinutes: number | null; travelPaid: boolean };

export type RuleSet = {
  level: Level;
  /** The first day this rule set applies (the site's calendar date). */
  effective: string;
  title: string;
  source: { name: string; url: string };
  /** Months after the birth that breaks are protected; null: no limit. */
  coverageMonths?: number | null;
  pay?: BreakPay;
  /** Business days within which a request for a room must be answered. */
  replyBusinessDays?: number;
  /** What the room must have. */
  room?: CheckItem[];
  notices?: NoticeTrigger[];
  /** The notice must be given in her primary language where a translation exists. */
  primaryLanguage?: boolean;
  /** A room used for other purposes too must give lactation precedence. */
  multipurposePrecedence?: boolean;
  /** A request that cannot be met gets a written answer. */
  writtenDenial?: boolean;
  /** One line on what this rule set changed. */
  summary: string;
};

const FEDERAL_ROOM: CheckItem[] = ['not_bathroom', 'shielded'];

export const RULE_SETS: RuleSet[] = [
  {
    level: 'us-federal',
    effective: '2022-12-29',
    title: 'FLSA §18D as amended by the PUMP for Nursing Mothers Act',
    source: { name: '29 U.S.C. 218d; US Department of Labor, Wage and Hour Division', url: 'https://www.dol.gov/agencies/whd/pump-at-work' },
    coverageMonths: 12,
    pay: { paid: false },
    room: FEDERAL_ROOM,
    summary:
      'Reasonable break time each time she needs to express milk, for 1 year after the birth, in a place other than a bathroom, shielded from view and free from intrusion. Unpaid unless she is not fully relieved of duty or the break runs during a paid break.',
  },
  {
    level: 'us-ny',
    effective: '2022-06-07',
    title: 'New York Labor Law §206-c (written policy)',
    source: { name: 'N.Y. Labor Law §206-c; New York State Department of Labor', url: 'https://dol.ny.gov/lactation-accommodation' },
    coverageMonths: 36,
    pay: { paid: false },
    room: [...FEDERAL_ROOM, 'chair', 'surface', 'outlet', 'sink_nearby'],
    notices: ['hire', 'yearly', 'return_from_leave'],
    summary: 'Breaks for up to 3 years after the birth; a room with a chair, a surface, an outlet and clean water nearby; the written policy at hire, every year, and on return to work.',
  },
  {
    level: 'us-ny',
    effective: '2024-06-19',
    title: 'New York Labor Law §206-c (paid breaks)',
    source: { name: 'N.Y. Labor Law §206-c as amended in 2024; New York State Department of Labor', url: 'https://dol.ny.gov/lactation-accommodation' },
    coverageMonths: 36,
    pay: { paid: true, paidMinutes: 30, travelPaid: false },
    room: [...FEDERAL_ROOM, 'chair', 'surface', 'outlet', 'sink_nearby'],
    notices: ['hire', 'yearly', 'return_from_leave'],
    summary: '30 minutes of each break paid; she may use other paid breaks or meal time beyond that.',
  },
  {
    level: 'us-ny-nyc',
    effective: '2019-03-18',
    title: 'NYC Human Rights Law §8-107(22) (Local Laws 185 and 186 of 2018)',
    source: { name: 'N.Y.C. Admin. Code §8-107(22); NYC Commission on Human Rights', url: 'https://www.nyc.gov/site/cchr/law/lactation-accommodations.page' },
    room: [...FEDERAL_ROOM, 'chair', 'surface', 'outlet', 'fridge_nearby', 'sink_nearby'],
    replyBusinessDays: 5,
    notices: ['hire'],
    summary: 'A lactation room with a refrigerator nearby; a written policy with a request procedure, an answer within 5 business days, and what happens when two people need the room at once.',
  },
  {
    level: 'us-ny-nyc',
    effective: '2025-05-11',
    title: 'NYC Human Rights Law §8-107(22) as amended by Local Law 109 of 2024',
    source: { name: 'N.Y.C. Local Law 109 of 2024 (Int. 892-A)', url: 'https://legistar.council.nyc.gov/LegislationDetail.aspx?ID=6695239&GUID=31C2A1CC-05F6-439A-BFC6-B7159AECAF66' },
    room: [...FEDERAL_ROOM, 'chair', 'surface', 'outlet', 'fridge_nearby', 'sink_nearby'],
    replyBusinessDays: 5,
    notices: ['hire', 'posted'],
    summary: 'The policy posted at the workplace and on the intranet, and stating the 30-minute paid break.',
  },
  {
    level: 'us-ca',
    effective: '2020-01-01',
    title: 'California Labor Code §§1030–1034 (SB 142)',
    source: { name: 'Cal. Lab. Code §§1030–1034', url: 'https://leginfo.legislature.ca.gov/faces/codes_displayText.xhtml?lawCode=LAB&division=2.&title=&part=3.&chapter=3.8.&article=' },
    coverageMonths: null,
    pay: { paid: false },
    room: [...FEDERAL_ROOM, 'chair', 'surface', 'outlet', 'sink_nearby', 'fridge_nearby'],
    notices: ['hire', 'parental_leave_request'],
    multipurposePrecedence: true,
    writtenDenial: true,
    summary:
      'A room with a surface, a seat and power, a sink and a refrigerator nearby; lactation comes first in a multipurpose room; a written policy; a written answer when a request cannot be met. Unpaid unless it runs during a paid rest break.',
  },
  {
    level: 'us-il',
    effective: '2018-08-21',
    title: 'Illinois Nursing Mothers in the Workplace Act',
    source: { name: '820 ILCS 260', url: 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2815&ChapterID=68' },
    coverageMonths: 12,
    pay: { paid: false },
    room: FEDERAL_ROOM,
    summary: 'Reasonable break time for 1 year after the birth; her pay may not be reduced for it.',
  },
  {
    level: 'us-il',
    effective: '2026-01-01',
    title: 'Illinois Nursing Mothers in the Workplace Act (paid breaks)',
    source: { name: '820 ILCS 260/10 as amended by SB 212 (2025)', url: 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2815&ChapterID=68' },
    coverageMonths: 12,
    pay: { paid: true, paidMinutes: null, travelPaid: false },
    room: FEDERAL_ROOM,
    summary: 'Breaks paid at her regular rate; she may not be made to use paid leave for them.',
  },
  {
    level: 'us-mn',
    effective: '2023-07-01',
    title: 'Minnesota Statutes §181.939 and §181.9414',
    source: { name: 'Minn. Stat. §§181.939, 181.9414', url: 'https://www.revisor.mn.gov/statutes/cite/181.939' },
    coverageMonths: null,
    pay: { paid: true, paidMinutes: null, travelPaid: false },
    room: [...FEDERAL_ROOM, 'outlet'],
    notices: ['hire', 'parental_leave_request'],
    primaryLanguage: true,
    summary: 'Paid breaks with no age limit; a room near the work area with an outlet; notice at hire and on a parental-leave request, in English and her primary language.',
  },
  {
    level: 'us-wa',
    effective: '2019-07-28',
    title: 'Washington Healthy Starts Act',
    source: { name: 'RCW 43.10.005', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=43.10.005' },
    coverageMonths: 24,
    pay: { paid: false },
    room: FEDERAL_ROOM,
    summary: 'Reasonable break time for 2 years after the birth, and a private place other than a bathroom.',
  },
  {
    level: 'us-wa',
    effective: '2027-01-01',
    title: 'Washington Healthy Starts Act as amended by SB 5217 (2025)',
    source: { name: 'SB 5217 (2025), amending RCW 43.10.005', url: 'https://app.leg.wa.gov/billsummary?BillNumber=5217&Year=2025' },
    coverageMonths: 24,
    pay: { paid: true, paidMinutes: null, travelPaid: true },
    room: FEDERAL_ROOM,
    summary: 'Breaks paid at her regular rate, including the time to get to the room, and not taken out of her meal or rest breaks.',
  },
  {
    level: 'gb',
    effective: '1993-01-01',
    title: 'Workplace (Health, Safety and Welfare) Regulations 1992, regulation 25',
    source: { name: 'SI 1992/3004, reg. 25(4)', url: 'https://www.legislation.gov.uk/uksi/1992/3004/regulation/25' },
    coverageMonths: null,
    room: ['not_bathroom', 'shielded', 'chair'],
    summary: 'Suitable facilities for a nursing mother to rest, never a toilet; no paid-break rule.',
  },
];

/** The jurisdiction a site gets until an admin chooses one: a guess from its time zone. */
export function defaultJurisdiction(timeZone: string): JurisdictionCode {
  if (timeZone === 'America/New_York') return 'US-NY-NYC';
  if (timeZone === 'America/Los_Angeles') return 'US-CA';
  if (timeZone === 'America/Chicago') return 'US-IL';
  if (timeZone.startsWith('America/')) return 'US';
  return 'GB';
}

export function isJurisdiction(v: string): v is JurisdictionCode {
  return (JURISDICTION_CODES as readonly string[]).includes(v);
}

/** The rule set of one level in force on `date` (YYYY-MM-DD), or none before the first. */
function inForce(level: Level, date: string): RuleSet | undefined {
  return RULE_SETS.filter((r) => r.level === level && r.effective <= date).sort((a, b) => b.effective.localeCompare(a.effective))[0];
}

/** What applies at a site on a day: each level's rule set in force, and the rules they make together. */
export type Rules = {
  jurisdiction: JurisdictionCode;
  date: string;
  sets: RuleSet[];
  /** The longest protection any level gives; null: no limit. */
  coverageMonths: number | null;
  /** null: no level has a rule on paying breaks. */
  pay: BreakPay | null;
  replyBusinessDays: number | null;
  room: CheckItem[];
  notices: NoticeTrigger[];
  primaryLanguage: boolean;
  multipurposePrecedence: boolean;
  writtenDenial: boolean;
  name: string;
};

/** The more generous of two ways of paying a break: paid beats unpaid, every minute beats some, travel paid beats not. */
function morePaid(a: BreakPay, b: BreakPay): BreakPay {
  if (!a.paid) return b;
  if (!b.paid) return a;
  const minutes = a.paidMinutes === null || b.paidMinutes === null ? null : Math.max(a.paidMinutes, b.paidMinutes);
  return { paid: true, paidMinutes: minutes, travelPaid: a.travelPaid || b.travelPaid };
}

export function rulesOn(jurisdiction: JurisdictionCode, date: string): Rules {
  const sets = LEVELS[jurisdiction].map((level) => inForce(level, date)).filter((r): r is RuleSet => Boolean(r));
  const coverage = sets.map((s) => s.coverageMonths).filter((c): c is number | null => c !== undefined);
  return {
    jurisdiction,
    date,
    sets,
    coverageMonths: coverage.length === 0 ? null : coverage.includes(null) ? null : Math.max(...(coverage as number[])),
    pay: sets.reduce<BreakPay | null>((p, s) => (s.pay ? (p ? morePaid(p, s.pay) : s.pay) : p), null),
    replyBusinessDays: sets.reduce<number | null>((d, s) => (s.replyBusinessDays === undefined ? d : d === null ? s.replyBusinessDays : Math.min(d, s.replyBusinessDays)), null),
    room: [...new Set(sets.flatMap((s) => s.room ?? []))],
    notices: [...new Set(sets.flatMap((s) => s.notices ?? []))],
    primaryLanguage: sets.some((s) => s.primaryLanguage),
    multipurposePrecedence: sets.some((s) => s.multipurposePrecedence),
    writtenDenial: sets.some((s) => s.writtenDenial),
    name: sets.map((s) => s.title).join('; ') || JURISDICTION_NAMES[jurisdiction],
  };
}

/** The next rule set that takes effect after `date` at this jurisdiction, if one is known. */
export function nextChange(jurisdiction: JurisdictionCode, date: string): RuleSet | undefined {
  const levels = new Set(LEVELS[jurisdiction]);
  return RULE_SETS.filter((r) => levels.has(r.level) && r.effective > date).sort((a, b) => a.effective.localeCompare(b.effective))[0];
}

/** How break time is paid, in words. */
export function payLabel(pay: BreakPay | null): string {
  if (!pay) return 'No rule on paying breaks';
  if (!pay.paid) return 'Unpaid (paid only when she is not fully relieved of duty or it runs during a paid break)';
  const minutes = pay.paidMinutes === null ? 'Paid at her regular rate' : `The first ${pay.paidMinutes} minutes of each break paid`;
  return pay.travelPaid ? `${minutes}, including the time to get to the room` : minutes;
}

export function coverageLabel(months: number | null): string {
  return months === null ? 'No age limit' : months % 12 === 0 ? `${months / 12} ${months === 12 ? 'year' : 'years'} after the birth` : `${months} months after the birth`;
}
