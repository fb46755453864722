import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { notFound } from "../platform/errors.ts";
import { listOf, pageQuerySchema, uuidSchema } from "../../shared/contracts.ts";
import {
  certificateSchema,
  certificationProposalSchema,
  certificationRuleSchema,
  publicCertificateSchema,
  publicMemberListSchema,
  revokeCertificateSchema,
} from "../../shared/employers.ts";
import {
  certificateIssueSchema,
  certificatePdfQuerySchema,
  certificationConfirmSchema,
  publicCertificateParamsSchema,
  publicMembersParamsSchema,
} from "../../shared/certificates.ts";
import { langOf } from "../candidates/presenters.ts";
import { contentDisposition } from "../candidates/files.ts";
import * as policy from "./policy.ts";
import {
  certificateForPdf,
  confirmCertification,
  encodeProposalCursor,
  findPublicCertificate,
  getCertificationRule,
  issueMembershipCertificate,
  listCertificationProposals,
  listPublicMembers,
  revokeCertificate,
  setCertificationRule,
} from "./service.ts";
import { presentCertificate, presentProposal } from "./presenters.ts";

const tags = ["employers"];
const publicTags = ["public"];
const idParams = z.strictObject({ id: uuidSchema });
const certificateParams = z.strictObject({ id: uuidSchema, certificateId: uuidSchema });

const fileSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "employer";

export function registerCertificateRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/v1/employers/certification-rule",
    { onRequest: guard(ctx, policy.readRule), schema: { tags, summary: "The network's certification rule", response: { 200: certificationRuleSchema } } },
    async (request) => getCertificationRule(ctx.db, actorOf(request).tenantId),
  );

  app.put(
    "/api/v1/employers/certification-rule",
    {
      onRequest: guard(ctx, policy.writeRule),
      schema: { tags, summary: "Set the network's certification rule (omitted fields take their defaults)", body: certificationRuleSchema, response: { 200: certificationRuleSchema } },
    },
    async (request) => setCertificationRule(ctx.db, actorOf(request), request.body),
  );

  app.get(
    "/api/v1/employers/certification-proposals",
    {
      onRequest: guard(ctx, policy.readProposals),
      schema: {
        tags,
        summary: "Employers that meet the certification rule and are not certified now (lapsed employers excluded), by name",
        querystring: pageQuerySchema,
        response: { 200: listOf(certificationProposalSchema) },
      },
    },
    async (request) => {
      const { rows } = await listCertificationProposals(ctx.db, actorOf(request), request.query);
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return { items: items.map(presentProposal), nextCursor: rows.length > request.query.limit && last ? encodeProposalCursor(last) : null };
    },
  );

  app.post(
    "/api/v1/employers/:id/certification",
    {
      onRequest: guard(ctx, policy.certify),
      schema: {
        tags,
        summary: "Confirm a certification: checks the rule (422 rule_broken says why), issues the certificate and sets the status certified",
        params: idParams,
        body: certificationConfirmSchema,
        response: { 201: certificateSchema },
      },
    },
    async (request, reply) => {
      const row = await confirmCertification(ctx.db, actorOf(request), request.params.id, request.body ?? { note: "" });
      return reply.status(201).send(presentCertificate(row));
    },
  );

  app.post(
    "/api/v1/employers/:id/certificates",
    {
      onRequest: guard(ctx, policy.issueMembership),
      schema: {
        tags,
        summary: "Issue a membership certificate (members and certified employers; valid until 31 December next year)",
        params: idParams,
        body: certificateIssueSchema,
        response: { 201: certificateSchema },
      },
    },
    async (request, reply) => {
      const row = await issueMembershipCertificate(ctx.db, actorOf(request), request.params.id);
      return reply.status(201).send(presentCertificate(row));
    },
  );

  app.post(
    "/api/v1/employers/:id/certificates/:certificateId/revoke",
    {
      onRequest: guard(ctx, policy.revoke),
      schema: { tags, summary: "Revoke a certificate; public verification says revoked from now on", params: certificateParams, body: revokeCertificateSchema, response: { 200: certificateSchema } },
    },
    async (request) => presentCertificate(await revokeCertificate(ctx.db, actorOf(request), request.params.id, request.params.certificateId, request.body.reason)),
  );

  app.get(
    "/api/v1/employers/:id/certificate.pdf",
    {
      onRequest: guard(ctx, policy.downloadPdf),
      schema: {
        tags,
        summary: "The employer's newest valid certificate of a kind as a PDF, in bokmål or English (employer users: their own company)",
        params: idParams,
        querystring: certificatePdfQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const lang = langOf(request.query.lang, request.headers["accept-language"]);
      const { certificate, employer, network } = await certificateForPdf(ctx.db, actor, request.params.id, request.query.kind);
      // Loaded on first use: the PDF engine and its fonts are not needed to start the server.
      const { renderCertificatePdf } = await import("./render.ts");
      const pdf = await renderCertificatePdf({
        kind: request.query.kind,
        code: certificate.code,
        issuedAt: certificate.issuedAt,
        validUntil: certificate.validUntil,
        employer,
        network,
        publicUrl: ctx.config.publicUrl,
        lang,
      });
      const prefix = request.query.kind === "membership" ? (lang === "nb" ? "medlemsbevis" : "membership-certificate") : lang === "nb" ? "sertifikat" : "certification";
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(`${prefix}-${fileSlug(employer.name)}.pdf`))
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );

  // ---- Public: no sign-in. Counted by the API rate limit like every other /api route.

  app.get(
    "/api/public/certificates/:code",
    {
      schema: {
        tags: publicTags,
        summary: "Verify a certificate by its code (case and dashes do not matter): genuine, and valid, expired or revoked",
        security: [],
        params: publicCertificateParamsSchema,
        response: { 200: publicCertificateSchema },
      },
    },
    async (request, reply) => {
      const found = await findPublicCertificate(ctx.db, request.params.code);
      if (!found) throw notFound("The certificate");
      // A revocation must show at once: no caching.
      return reply.header("cache-control", "no-store").send(found);
    },
  );

  app.get(
    "/api/public/networks/:slug/members",
    {
      schema: {
        tags: publicTags,
        summary: "The network's members and certified employers that agreed to be shown, by name: for the network's own website (CORS-open)",
        security: [],
        params: publicMembersParamsSchema,
        response: { 200: publicMemberListSchema },
      },
    },
    async (request, reply) => {
      const list = await listPublicMembers(ctx.db, request.params.slug);
      if (!list) throw notFound("The network");
      return reply
        .header("access-control-allow-origin", "*")
        .header("cross-origin-resource-policy", "cross-origin")
        .header("cache-control", "public, max-age=300")
        .send(list);
    },
  );
}
