import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { decodeCursor, encodeCursor } from "../platform/paging.ts";
import { AppError, handleError } from "../platform/errors.ts";
import { listOf, pageQuerySchema, uuidSchema } from "../../shared/contracts.ts";
import {
  accessLogEntrySchema,
  candidateCreateQuerySchema,
  candidateInputSchema,
  candidateListItemSchema,
  candidateListQuerySchema,
  candidatePatchSchema,
  candidateReadQuerySchema,
  candidateSchema,
  documentMaxBytes,
  documentSchema,
  documentUploadQuerySchema,
  importQuerySchema,
  importReportSchema,
  mergeRequestSchema,
  duplicateMatchSchema,
  noteInputSchema,
  noteListSchema,
  noteSchema,
  noteWarning,
} from "../../shared/candidates.ts";
import * as policy from "./policy.ts";
import {
  addDocument,
  addNote,
  createCandidate,
  deleteDocument,
  encodeListCursor,
  getCandidate,
  getDocument,
  listAccessLog,
  listCandidates,
  listDocuments,
  listNotes,
  mergeCandidates,
  findDuplicatesOf,
  requestErasure,
  updateCandidate,
  userNames,
} from "./service.ts";
import { getCandidateForCv, langOf, presentCandidate, presentListItems, seesBackground } from "./presenters.ts";
import { networks } from "../networks/tables.ts";
import { eq } from "drizzle-orm";
import { contentDisposition } from "./files.ts";
import { importCandidates } from "./import.ts";
import { exportCandidatesCsv } from "./export.ts";

const tags = ["candidates"];
const idParams = z.strictObject({ id: uuidSchema });
const documentParams = z.strictObject({ id: uuidSchema, documentId: uuidSchema });

/** Bodies that are files (documents, import files): read as raw bytes, only in this plugin. */
const fileContentTypes = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/octet-stream",
  "image/png",
  "image/jpeg",
  "text/csv",
  "text/plain",
  "application/vnd.ms-excel",
];

export function registerCandidateRoutes(fastify: FastifyInstance, ctx: AppContext) {
  // Encapsulated, so the raw-body parsers below do not apply to other features' routes.
  fastify.register(async (scope) => {
    scope.addContentTypeParser(fileContentTypes, { parseAs: "buffer", bodyLimit: documentMaxBytes + 1024 }, (_request, body, done) => done(null, body));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const read = guard(ctx, policy.read);
    const write = guard(ctx, policy.write);
    const caseFile = guard(ctx, policy.caseFile);

    app.get(
      "/api/v1/candidates",
      { onRequest: read, schema: { tags, summary: "Candidates of the network: search, filters, sorting, paging", querystring: candidateListQuerySchema, response: { 200: listOf(candidateListItemSchema) } } },
      async (request) => {
        const rows = await listCandidates(ctx.db, actorOf(request), request.query);
        const items = rows.slice(0, request.query.limit);
        const last = items.at(-1);
        return {
          items: await presentListItems(ctx.db, items, langOf(request.query.lang, request.headers["accept-language"])),
          nextCursor: rows.length > request.query.limit && last ? encodeListCursor(request.query.sort, last) : null,
        };
      },
    );

    app.post(
      "/api/v1/candidates",
      {
        onRequest: write,
        schema: { tags, summary: "Register a candidate (409 possible_duplicate unless confirmNotDuplicate=true)", querystring: candidateCreateQuerySchema, body: candidateInputSchema, response: { 201: candidateSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { row, background } = await createCandidate(ctx.db, actor, request.body, { confirmNotDuplicate: request.query.confirmNotDuplicate === "true" });
        return reply.status(201).send(await presentCandidate(ctx.db, row, background, { lang: langOf(request.query.lang, request.headers["accept-language"]), showBackground: seesBackground(actor) }));
      },
    );

    app.get(
      "/api/v1/candidates/export.csv",
      { onRequest: guard(ctx, policy.exportAll), schema: { tags, summary: "All candidates of the network as CSV (every row is logged as read)" } },
      async (request, reply) => {
        const csv = await exportCandidatesCsv(ctx.db, actorOf(request));
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", contentDisposition(`candidates-${new Date().toISOString().slice(0, 10)}.csv`))
          .send(csv);
      },
    );

    app.post(
      "/api/v1/candidates/import",
      { onRequest: guard(ctx, policy.importFile), schema: { tags, summary: "Import candidates from a CSV or XLSX file (the raw body); dryRun lists every rejected row", querystring: importQuerySchema, response: { 200: importReportSchema } } },
      async (request) => {
        const body = request.body;
        const file = Buffer.isBuffer(body) ? body : typeof body === "string" ? Buffer.from(body) : Buffer.alloc(0);
        return importCandidates(ctx.db, actorOf(request), actorOf(request).tenantId, file, { dryRun: request.query.dryRun === "true", skipInvalid: request.query.skipInvalid === "true" });
      },
    );

    app.get(
      "/api/v1/candidates/:id",
      { onRequest: read, schema: { tags, summary: "One candidate (the read is logged with its purpose)", params: idParams, querystring: candidateReadQuerySchema, response: { 200: candidateSchema } } },
      async (request) => {
        const actor = actorOf(request);
        const { row, background } = await getCandidate(ctx.db, actor, request.params.id, request.query.purpose);
        return presentCandidate(ctx.db, row, background, { lang: langOf(request.query.lang, request.headers["accept-language"]), showBackground: seesBackground(actor) });
      },
    );

    app.patch(
      "/api/v1/candidates/:id",
      { onRequest: write, schema: { tags, summary: "Change a candidate; lists replace the whole list", params: idParams, querystring: z.strictObject({ lang: z.enum(["nb", "en"]).optional() }), body: candidatePatchSchema, response: { 200: candidateSchema } } },
      async (request) => {
        const actor = actorOf(request);
        const { row, background } = await updateCandidate(ctx.db, actor, request.params.id, request.body);
        return presentCandidate(ctx.db, row, background, { lang: langOf(request.query.lang, request.headers["accept-language"]), showBackground: seesBackground(actor) });
      },
    );

    app.delete(
      "/api/v1/candidates/:id",
      { onRequest: write, schema: { tags, summary: "Request erasure: hidden at once, anonymised later", params: idParams } },
      async (request, reply) => {
        await requestErasure(ctx.db, actorOf(request), request.params.id);
        return reply.status(202).send({ status: "erasure_requested" });
      },
    );

    app.get(
      "/api/v1/candidates/:id/duplicates",
      { onRequest: write, schema: { tags, summary: "Other candidates that look like the same person", params: idParams, response: { 200: z.object({ items: z.array(duplicateMatchSchema) }) } } },
      async (request) => ({ items: await findDuplicatesOf(ctx.db, actorOf(request), request.params.id) }),
    );

    app.post(
      "/api/v1/candidates/:id/merge",
      { onRequest: write, schema: { tags, summary: "Merge a duplicate into this candidate, keeping every related record", params: idParams, body: mergeRequestSchema, response: { 200: candidateSchema } } },
      async (request) => {
        const actor = actorOf(request);
        const { row, background } = await mergeCandidates(ctx.db, actor, request.params.id, request.body.duplicateId);
        return presentCandidate(ctx.db, row, background, { lang: langOf(undefined, request.headers["accept-language"]), showBackground: seesBackground(actor) });
      },
    );

    const presentNote = (names: Map<string, string>) => (note: { id: string; text: string; authorUserId: string | null; createdAt: Date }) => ({
      id: note.id,
      text: note.text,
      author: note.authorUserId ? { userId: note.authorUserId, name: names.get(note.authorUserId) ?? "" } : null,
      createdAt: note.createdAt.toISOString(),
    });

    app.get(
      "/api/v1/candidates/:id/notes",
      { onRequest: caseFile, schema: { tags, summary: "Notes, newest first, with the warning not to write sensitive details", params: idParams, querystring: pageQuerySchema.extend({ lang: z.enum(["nb", "en"]).optional() }), response: { 200: noteListSchema } } },
      async (request) => {
        const rows = await listNotes(ctx.db, actorOf(request), request.params.id, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
        const items = rows.slice(0, request.query.limit);
        const names = await userNames(ctx.db, items.map((n) => n.authorUserId));
        const last = items.at(-1);
        return {
          items: items.map(presentNote(names)),
          nextCursor: rows.length > request.query.limit && last ? encodeCursor(last) : null,
          warning: noteWarning[langOf(request.query.lang, request.headers["accept-language"])],
        };
      },
    );

    app.post(
      "/api/v1/candidates/:id/notes",
      { onRequest: caseFile, schema: { tags, summary: "Add a note (no health or other sensitive details)", params: idParams, body: noteInputSchema, response: { 201: noteSchema } } },
      async (request, reply) => {
        const note = await addNote(ctx.db, actorOf(request), request.params.id, request.body.text);
        return reply.status(201).send(presentNote(await userNames(ctx.db, [note.authorUserId]))(note));
      },
    );

    const presentDocument = (names: Map<string, string>) => (doc: { id: string; name: string; contentType: string; size: number; uploadedByUserId: string | null; createdAt: Date }) => ({
      id: doc.id,
      name: doc.name,
      contentType: doc.contentType,
      size: doc.size,
      uploadedBy: doc.uploadedByUserId ? { userId: doc.uploadedByUserId, name: names.get(doc.uploadedByUserId) ?? "" } : null,
      createdAt: doc.createdAt.toISOString(),
    });

    app.get(
      "/api/v1/candidates/:id/documents",
      { onRequest: caseFile, schema: { tags, summary: "The candidate's documents", params: idParams, querystring: pageQuerySchema, response: { 200: listOf(documentSchema) } } },
      async (request) => {
        const rows = await listDocuments(ctx.db, actorOf(request), request.params.id, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
        const items = rows.slice(0, request.query.limit);
        const last = items.at(-1);
        return { items: items.map(presentDocument(await userNames(ctx.db, items.map((d) => d.uploadedByUserId)))), nextCursor: rows.length > request.query.limit && last ? encodeCursor(last) : null };
      },
    );

    app.post(
      "/api/v1/candidates/:id/documents",
      {
        onRequest: caseFile,
        // A body over the limit is stopped while it streams in: answer it as the file being too large.
        errorHandler: (error, request, reply) => handleError(error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? new AppError("file_too_large", "A document may be at most 10 MB.") : error, request, reply),
        schema: { tags, summary: "Upload a document: the raw file as the body, its name in ?name= (PDF, DOCX, PNG, JPEG; at most 10 MB; type judged by content and must match the name's extension and the Content-Type; archives, programs and files hiding another file are refused)", params: idParams, querystring: documentUploadQuerySchema, response: { 201: documentSchema } },
      },
      async (request, reply) => {
        const body = request.body;
        const file = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
        const doc = await addDocument(ctx.db, actorOf(request), request.params.id, request.query.name, file, request.headers["content-type"]);
        return reply.status(201).send(presentDocument(await userNames(ctx.db, [doc.uploadedByUserId]))(doc));
      },
    );

    app.get(
      "/api/v1/candidates/:id/documents/:documentId",
      { onRequest: caseFile, schema: { tags, summary: "Download a document (the read is logged)", params: documentParams } },
      async (request, reply) => {
        const doc = await getDocument(ctx.db, actorOf(request), request.params.id, request.params.documentId);
        return reply.type(doc.contentType).header("content-disposition", contentDisposition(doc.name)).header("x-content-type-options", "nosniff").send(doc.content);
      },
    );

    app.delete(
      "/api/v1/candidates/:id/documents/:documentId",
      { onRequest: caseFile, schema: { tags, summary: "Delete a document", params: documentParams } },
      async (request, reply) => {
        await deleteDocument(ctx.db, actorOf(request), request.params.id, request.params.documentId);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/v1/candidates/:id/cv.pdf",
      {
        onRequest: caseFile,
        schema: {
          tags,
          summary: "The candidate's CV as PDF, named or anonymous, in bokmål or English (the read is logged with purpose cv)",
          params: idParams,
          querystring: z.strictObject({ variant: z.enum(["full", "anonymous"]).default("full"), lang: z.enum(["nb", "en"]).optional() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const lang = langOf(request.query.lang, request.headers["accept-language"]);
        const candidate = await getCandidateForCv(ctx.db, actor, request.params.id, lang);
        const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, actor.tenantId)).limit(1);
        // Loaded on first use: the PDF engine and its fonts are not needed to start the server.
        const { renderCvPdf } = await import("../cv/render.ts");
        const pdf = await renderCvPdf(candidate, { variant: request.query.variant, lang, ...(network ? { networkName: network.name } : {}) });
        const name = request.query.variant === "anonymous" ? `cv-${lang}-anonymous.pdf` : `cv-${candidate.firstName}-${candidate.lastName}-${lang}.pdf`;
        return reply.type("application/pdf").header("content-disposition", contentDisposition(name)).header("cache-control", "no-store").send(pdf);
      },
    );

    app.get(
      "/api/v1/candidates/:id/access-log",
      { onRequest: caseFile, schema: { tags, summary: "Who read the candidate's record, when and why", params: idParams, querystring: pageQuerySchema, response: { 200: listOf(accessLogEntrySchema) } } },
      async (request) => {
        const cursor = request.query.cursor ? decodeCursor(request.query.cursor) : undefined;
        const rows = await listAccessLog(ctx.db, actorOf(request), request.params.id, { limit: request.query.limit, cursor });
        const items = rows.slice(0, request.query.limit);
        const last = items.at(-1);
        return {
          items: items.map((row) => ({
            at: row.at.toISOString(),
            reader: row.userId
              ? { kind: "user" as const, id: row.userId, name: row.userName ?? "", role: row.role ?? null }
              : row.tokenId
                ? { kind: "token" as const, id: row.tokenId, name: `API token ${row.tokenName ?? ""}`.trim(), role: row.tokenRole ?? null }
                : { kind: "system" as const, id: null, name: "system", role: null },
            purpose: row.purpose,
          })),
          nextCursor: rows.length > request.query.limit && last ? encodeCursor(last) : null,
        };
      },
    );
  });
}
