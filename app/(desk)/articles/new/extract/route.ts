import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { findArticleWithText } from "@/lib/articles/find-duplicate";
import { currentActor, authorize } from "@/lib/auth/guards";
import { checkUpload } from "@/lib/ingest/format";
import { precheckFile } from "@/lib/ingest/ingest";
import { INGEST_BUDGET_MS, MAX_UPLOAD_BYTES } from "@/lib/ingest/types";
import { runInWorker } from "@/lib/workers/run";
import { fail, httpStatus, type AppError } from "@/lib/core/result";

/**
 * Reads an uploaded file for the "Add article" form and returns its text and metadata to review.
 * Stores nothing: the article is only created when the reporter submits the form.
 */
export async function POST(request: Request): Promise<NextResponse> {
  const actor = await currentActor();
  if (!actor) return error(fail("unauthorized", "Your session has ended. Sign in again.").error);
  const allowed = authorize(actor, "reporter");
  if (!allowed.ok) return error(allowed.error);

  // Refuse oversized uploads from the declared length, before buffering them.
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) {
    return error(fail("payload_too_large", "The file is larger than 5 MiB; files can be at most 5 MiB.", { fields: { file: ["At most 5 MiB."] } }).error);
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return error(fail("bad_request", "Send the file as multipart form data in a field named “file”.").error);
  }
  if (!file || typeof file === "string") return error(fail("invalid", "Choose a file to upload.", { fields: { file: ["Choose a file."] } }).error);
  // Size and type from what the part declares, before its bytes are copied out.
  const declaredFile = checkUpload(file);
  if (!declaredFile.ok) return error(declaredFile.error);

  const upload = { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
  // Cheap refusals here (a zip bomb by its declared sizes); the parsing itself runs on a worker thread
  // within a time budget, so one hostile or huge file never holds up other requests.
  const checked = await precheckFile(upload);
  if (!checked.ok) return error(checked.error);
  const read = await runInWorker("ingest", upload, { timeMs: INGEST_BUDGET_MS, label: `Reading ${file.name || "the file"}` });
  const result = read.ok ? read.value : read;
  if (!result.ok) return error(result.error);
  return NextResponse.json({ article: result.value, existing: await findArticleWithText(getDb(), result.value.body) });
}

function error(appError: AppError): NextResponse {
  const { code, message, fields } = appError;
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status: httpStatus(code) });
}
