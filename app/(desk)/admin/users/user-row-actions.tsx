"use client";

import { useActionState, useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { ROLE_LABEL, type Role } from "@/lib/core/vocabulary";
import { isDemotion } from "@/lib/core/actor";
import { actionMessage, type ActionState } from "@/lib/actions/result";
import { changeRoleAction, endSessionsAction, issueLinkAction, setDisabledAction, type LinkShown } from "./actions";
import { OneTimeLink } from "./one-time-link";

const linkButton = "rounded-md px-2 py-1 text-sm font-semibold text-blue-700 hover:bg-blue-50";
const dangerButton = "rounded-md px-2 py-1 text-sm font-semibold text-red-700 hover:bg-red-50";

type Props = { userId: number; name: string; role: Role; disabled: boolean; invited: boolean; isSelf: boolean; sessions: number };

export function UserRowActions({ userId, name, role, disabled, invited, isSelf, sessions }: Props) {
  const [roleState, roleAction, rolePending] = useActionState<ActionState, FormData>(changeRoleAction, null);
  const [disableState, disableAction, disablePending] = useActionState<ActionState, FormData>(setDisabledAction, null);
  const [sessionsState, sessionsAction, sessionsPending] = useActionState<ActionState, FormData>(endSessionsAction, null);
  const [linkState, linkAction, linkPending] = useActionState<ActionState<LinkShown>, FormData>(issueLinkAction, null);
  const [selected, setSelected] = useState<Role>(role);
  // Each form keeps its own last answer; show the one for the form used last, not an older one from another.
  const [lastUsed, setLastUsed] = useState<"role" | "disable" | "sessions" | "link">("role");
  const shown = { role: roleState, disable: disableState, sessions: sessionsState, link: linkState }[lastUsed];
  const message = actionMessage(shown);
  const demotion = isDemotion(role, selected);

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <div className="flex items-center gap-2">
        <label htmlFor={`role-${userId}`} className="sr-only">
          Role for {name}
        </label>
        <select
          id={`role-${userId}`}
          value={selected}
          onChange={(event) => setSelected(event.target.value as Role)}
          className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="reporter">Reporter</option>
          <option value="editor">Editor</option>
          <option value="admin">Admin</option>
        </select>
        {demotion ? (
          <ConfirmDialog
            trigger={
              <>
                Change role<span className="sr-only"> for {name}</span>
              </>
            }
            triggerClassName={linkButton}
            title={`Make ${name} ${/^[aeiou]/i.test(selected) ? "an" : "a"} ${selected}?`}
            description={
              <>
                {name} loses what the {role} role allows ({ROLE_LABEL[role]} → {ROLE_LABEL[selected]}) and is signed out of every session at once.
                {isSelf ? " This is your own account: you will be signed out too." : ""}
              </>
            }
            confirmLabel={`Demote ${name}`}
            action={roleAction}
            fields={{ userId, role: selected }}
            pending={rolePending}
            onSubmit={() => setLastUsed("role")}
          />
        ) : (
          <form action={roleAction} onSubmit={() => setLastUsed("role")}>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="role" value={selected} />
            <button type="submit" disabled={rolePending} className={linkButton}>
              Change role<span className="sr-only"> for {name}</span>
            </button>
          </form>
        )}
      </div>
      {!disabled && (
        <form action={linkAction} onSubmit={() => setLastUsed("link")}>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" disabled={linkPending} className={linkButton}>
            {invited ? "New invite link" : "Reset link"}
            <span className="sr-only"> for {name}</span>
          </button>
        </form>
      )}
      {sessions > 0 && (
        <ConfirmDialog
          trigger={
            <>
              End sessions<span className="sr-only"> of {name}</span>
            </>
          }
          triggerClassName={dangerButton}
          title={`Sign ${name} out everywhere?`}
          description={
            <>
              Ends {sessions === 1 ? "the one open session" : `all ${sessions} open sessions`} of {name} at once; they sign in again to continue. API tokens
              keep working.{isSelf ? " This includes the session you are using now." : ""}
            </>
          }
          confirmLabel={`End sessions of ${name}`}
          action={sessionsAction}
          fields={{ userId }}
          pending={sessionsPending}
          onSubmit={() => setLastUsed("sessions")}
        />
      )}
      {disabled ? (
        <form action={disableAction} onSubmit={() => setLastUsed("disable")}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value="false" />
          <button type="submit" disabled={disablePending} className="rounded-md px-2 py-1 text-sm font-semibold text-emerald-700 hover:bg-emerald-50">
            Enable<span className="sr-only"> {name}</span>
          </button>
        </form>
      ) : (
        <ConfirmDialog
          trigger={
            <>
              Disable<span className="sr-only"> {name}</span>
            </>
          }
          triggerClassName={dangerButton}
          title={`Disable ${name}?`}
          description={
            <>
              {name} is signed out of every session at once, cannot sign in, and their API tokens stop working until the account is enabled again.
              {isSelf ? " This is your own account." : ""}
            </>
          }
          confirmLabel={`Disable ${name}`}
          action={disableAction}
          fields={{ userId, disabled: "true" }}
          pending={disablePending}
          onSubmit={() => setLastUsed("disable")}
        />
      )}
      {message && (
        <p role="status" aria-live="polite" className={`w-full text-right text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {message.text}
        </p>
      )}
      {lastUsed === "link" && linkState?.ok && (
        <div className="w-full">
          <OneTimeLink id={`link-${userId}`} {...linkState.value} />
        </div>
      )}
    </div>
  );
}
