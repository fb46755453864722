import fc from "fast-check";
import { z } from "zod";

/*
 * Requests derived from a route's schemas, for the fuzz test (src/server/fuzz.test.ts; ADR 028). A zod schema is
 * turned into JSON Schema with zod's own z.toJSONSchema (input side: what a client sends), and the JSON Schema
 * into fast-check arbitraries by the small mapping below (no maintained package maps zod 4 or JSON Schema to
 * fast-check 4). Two modes: "valid" draws values inside the schema's bounds, "boundary" draws the edges
 * (empty and longest strings, 0, negative and huge numbers, far dates, the most items), which may fall outside.
 */

export type JsonSchema = {
  type?: string | string[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

export type Mode = "valid" | "boundary";

const isZod = (schema: unknown): schema is z.ZodType => typeof schema === "object" && schema !== null && "_zod" in schema;

/** A route schema part (zod, or JSON Schema already) as JSON Schema, or undefined when it cannot be described. */
export function toJsonSchema(schema: unknown): JsonSchema | undefined {
  if (!schema) return undefined;
  if (isZod(schema)) {
    try {
      return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    } catch {
      return undefined;
    }
  }
  return typeof schema === "object" ? (schema as JsonSchema) : undefined;
}

const farDates = ["0001-01-01", "1900-01-01", "2999-12-31", "9999-12-31"];
const farDateTimes = ["0001-01-01T00:00:00.000Z", "1900-02-28T23:59:59.999Z", "2999-12-31T23:59:59.000Z", "9999-12-31T23:59:59.999Z"];
const isoDate = fc.date({ min: new Date("1950-01-01"), max: new Date("2040-12-31"), noInvalidDate: true });

function stringArbitrary(schema: JsonSchema, mode: Mode): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 60);
  switch (schema.format) {
    case "uuid":
      return fc.uuid({ version: [4, 7] });
    case "email":
      return mode === "boundary" ? fc.constantFrom("a@b.no", `${"x".repeat(64)}@${"y".repeat(60)}.no`) : fc.emailAddress().filter((e) => e.length <= Math.min(max, 120));
    case "date":
      return mode === "boundary" ? fc.constantFrom(...farDates) : isoDate.map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return mode === "boundary" ? fc.constantFrom(...farDateTimes) : isoDate.map((d) => d.toISOString());
    case "uri":
    case "url":
      return fc.webUrl().filter((u) => u.length <= max);
  }
  if (schema.pattern) {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern, { maxLength: Math.min(max, 80) }).filter((s) => s.length >= min && s.length <= max && pattern.test(s));
    } catch {
      // A pattern JavaScript cannot compile: fall through to plain strings.
    }
  }
  if (mode === "boundary") {
    return fc.constantFrom("", "x".repeat(Math.max(min, 1)), "æ".repeat(Math.min(max, 5000)), " ".repeat(Math.min(max, 50)), "x".repeat(Math.min(max + 1, 5001)));
  }
  // Letters and spaces with Norwegian letters; trimmed fields stay within bounds.
  const char = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzæøåABCØÅ0123456789 -");
  return fc
    .string({ unit: char, minLength: min, maxLength: Math.min(max, min + 40) })
    .map((s) => (s.trim().length < min ? "x".repeat(min) : s));
}

function numberArbitrary(schema: JsonSchema, integer: boolean, mode: Mode): fc.Arbitrary<number> {
  const lower = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : undefined);
  const upper = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : undefined);
  if (mode === "boundary") {
    const edges = [0, -1, 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, integer ? 2 ** 53 + 2 : 1e308, integer ? -(2 ** 40) : 0.5];
    if (lower !== undefined) edges.push(lower, lower - 1);
    if (upper !== undefined) edges.push(upper, upper + 1);
    return fc.constantFrom(...edges);
  }
  const min = lower ?? (integer ? -1000 : -1000);
  const max = upper ?? (integer ? 1_000_000 : 1_000_000);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }) : fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of values for a JSON Schema; `root` holds the $defs that $ref points into. */
export function arbitraryFor(schema: JsonSchema | boolean | undefined, mode: Mode, root: JsonSchema = typeof schema === "object" ? schema : {}, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true || depth > 8) return fc.constantFrom<unknown>(null, "x", 1);
  if (schema === false) return fc.constant(undefined);
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop()!;
    const target = root.$defs?.[name] ?? root.definitions?.[name];
    return target ? arbitraryFor(target, mode, root, depth + 1) : fc.constant(null);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((choice) => arbitraryFor(choice, mode, root, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0], mode, root, depth + 1);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => arbitraryFor({ ...schema, type }, mode, root, depth + 1)));
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "string":
      return stringArbitrary(schema, mode);
    case "integer":
      return numberArbitrary(schema, true, mode);
    case "number":
      return numberArbitrary(schema, false, mode);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minItems = schema.minItems ?? 0;
      const maxItems = mode === "boundary" ? Math.min(schema.maxItems ?? 50, 200) : Math.min(schema.maxItems ?? 3, minItems + 3);
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((item) => arbitraryFor(item, mode, root, depth + 1)));
      const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      const item = arbitraryFor(items, mode === "boundary" ? "valid" : mode, root, depth + 1);
      return mode === "boundary" ? fc.constantFrom(minItems, maxItems).chain((n) => fc.array(item, { minLength: n, maxLength: n })) : fc.array(item, { minLength: minItems, maxLength: Math.max(minItems, maxItems) });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, arbitraryFor(value, mode, root, depth + 1)]));
      return fc.record(model, { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) });
    }
    default:
      return fc.constantFrom<unknown>(null, "x", 1, true, {});
  }
}

/** The schema's properties, for building hostile variants field by field. */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  if (schema.properties) return schema.properties;
  const first = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  return first ? propertiesOf(first) : {};
}

/** A value of another type than the schema asks for. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return { nested: ["not", "a", "string"] };
    case "integer":
    case "number":
      return "12abc";
    case "boolean":
      return "yes";
    case "array":
      return "not-an-array";
    case "object":
      return [1, 2, 3];
    default:
      return { unexpected: true };
  }
}
