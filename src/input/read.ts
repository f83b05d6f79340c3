/** What a reader of user input returns: the value, or a problem phrased to follow the option's name. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
