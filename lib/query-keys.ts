/** Every react-query key Nook uses, in one place. */
export const queryKeys = {
  availability: (roomId: string, from: string, to: string) => ['availability', roomId, from, to] as const,
  availabilityOfRoom: (roomId: string) => ['availability', roomId] as const,
  myBookings: () => ['my-bookings'] as const,
};
