export const AMENITIES = [
  'lockable_door',
  'chair',
  'surface',
  'power_outlet',
  'sink_in_room',
  'sink_nearby',
  'fridge_in_room',
  'fridge_nearby',
  'pump_provided',
  'step_free',
] as const;
export type Amenity = (typeof AMENITIES)[number];

export const AMENITY_LABELS: Record<Amenity, string> = {
  lockable_door: 'Lockable door',
  chair: 'Chair',
  surface: 'Table or surface',
  power_outlet: 'Power outlet',
  sink_in_room: 'Sink in room',
  sink_nearby: 'Sink nearby',
  fridge_in_room: 'Fridge in room',
  fridge_nearby: 'Fridge nearby',
  pump_provided: 'Pump provided',
  step_free: 'Step-free access',
};

export function isAmenity(value: string): value is Amenity {
  return (AMENITIES as readonly string[]).includes(value);
}
