import { defaultJurisdiction, JURISDICTION_CODES, JURISDICTION_NAMES } from '@/lib/jurisdictions';
import { MAX_STATIONS } from '@/lib/policy';
import type { Room, Site } from '@/db/schema';
import { AMENITIES, AMENITY_LABELS } from '@/lib/amenities';
import { weekdayHours, type OpeningHours } from '@/lib/opening-hours';
import { TIME_ZONES } from '@/lib/time-zones';
import { CheckboxGroup, OpeningHoursFields, RadioGroup, SelectField, TextField } from './admin-form';
import styles from './admin-form.module.css';

const ZONE_OPTIONS = TIME_ZONES.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));

/** The fields a site is made of, filled from `site` when editing. */
export function SiteFields({ site }: { site?: Site }) {
  return (
    <>
      <div className={styles.row}>
        <TextField name="name" label="Name" required defaultValue={site?.name} />
        <SelectField
          name="timeZone"
          label="Time zone"
          hint="Opening hours and bookings follow this clock."
          options={ZONE_OPTIONS}
          defaultValue={site?.timeZone ?? 'America/New_York'}
          required
        />
      </div>
      <TextField name="address" label="Address" defaultValue={site?.address} />
      <SelectField
        name="jurisdiction"
        label="Jurisdiction"
        hint="Whose lactation law applies here: the compliance page, the checklist and paid break time follow it. Until you choose, Nook guesses from the time zone."
        options={[{ value: '', label: site ? `Guess from the time zone (${JURISDICTION_NAMES[defaultJurisdiction(site.timeZone)]})` : 'Guess from the time zone' }, ...JURISDICTION_CODES.map((c) => ({ value: c, label: JURISDICTION_NAMES[c] }))]}
        defaultValue={site?.jurisdiction ?? ''}
      />
      <OpeningHoursFields legend="Opening hours" hours={site?.openingHours ?? weekdayHours('08:00', '18:00')} />
    </>
  );
}

/** The fields a room is made of. `siteHours` fill the room's own hours until it has some. */
export function RoomFields({ room, stations, siteHours }: { room?: Room; stations: number; siteHours: OpeningHours }) {
  return (
    <>
      <div className={styles.row}>
        <TextField name="name" label="Name" required defaultValue={room?.name} />
        <TextField name="floor" label="Floor" defaultValue={room?.floor} />
        <TextField
          name="stations"
          label="Stations"
          type="number"
          min={1}
          max={MAX_STATIONS}
          defaultValue={stations}
          hint="Pumping places in the room. Fewer retires the highest-numbered ones."
        />
      </div>
      <TextField name="directions" label="Directions" multiline hint="How to find the room, as people will read it." defaultValue={room?.directions} />
      <CheckboxGroup
        legend="Amenities"
        options={AMENITIES.map((a) => ({ name: `amenity_${a}`, label: AMENITY_LABELS[a], checked: room?.amenities.includes(a) ?? false }))}
      />
      <OpeningHoursFields
        legend="Opening hours"
        hours={room?.openingHours ?? siteHours}
        toggle={{ name: 'ownHours', label: 'This room has its own hours (otherwise it follows the site’s)', checked: Boolean(room?.openingHours) }}
      />
      <RadioGroup
        name="status"
        legend="Status"
        defaultValue={room?.status ?? 'active'}
        options={[
          { value: 'active', label: 'In service' },
          { value: 'out_of_service', label: 'Out of service' },
        ]}
      />
      <TextField
        name="outOfServiceReason"
        label="Reason, when out of service"
        hint="People see it when they look for a room."
        defaultValue={room?.outOfServiceReason ?? ''}
      />
    </>
  );
}
