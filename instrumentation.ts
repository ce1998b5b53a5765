/** Runs once when an app instance starts: it listens for published editions to drop its cached reader pages. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { revalidateReaderPagesOnEditionEvents } = await import("@/features/reader/server/cache");
  revalidateReaderPagesOnEditionEvents();
}
