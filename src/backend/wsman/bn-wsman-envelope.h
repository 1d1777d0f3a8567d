/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SOAP 1.2 envelopes of a WS-Management custom-action ("Invoke") exchange, as WinRM
 * sends and answers them. Shared by the client and the simulated Windows guest. */

#define BN_WSMAN_NS_SOAP        "http://www.w3.org/2003/05/soap-envelope"
#define BN_WSMAN_NS_ADDRESSING  "http://schemas.xmlsoap.org/ws/2004/08/addressing"
#define BN_WSMAN_NS_WSMAN       "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
#define BN_WSMAN_NS_MS_WSMAN    "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"
#define BN_WSMAN_NS_WSMAN_FAULT "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault"
#define BN_WSMAN_ANONYMOUS      "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
#define BN_WSMAN_FAULT_ACTION   "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault"
#define BN_WSMAN_CONTENT_TYPE   "application/soap+xml;charset=UTF-8"

#define BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM \
  "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_OperatingSystem"

/**
 * BnWin32ShutdownFlags:
 *
 * The Flags argument of Win32_OperatingSystem.Win32Shutdown. FORCED combines with the
 * others: 1 is a shutdown, 5 a forced shutdown (what "Forced shutdown" selects).
 */
typedef enum
{
  BN_WIN32_SHUTDOWN_LOG_OFF = 0,
  BN_WIN32_SHUTDOWN_SHUTDOWN = 1,
  BN_WIN32_SHUTDOWN_REBOOT = 2,
  BN_WIN32_SHUTDOWN_FORCED = 4,
  BN_WIN32_SHUTDOWN_POWER_OFF = 8,
} BnWin32ShutdownFlags;

/* Win32 error codes a Win32Shutdown call may return */
#define BN_WIN32_ERROR_SHUTDOWN_IN_PROGRESS    1115
#define BN_WIN32_ERROR_SHUTDOWN_USERS_LOGGED_ON 1191
#define BN_WIN32_ERROR_PRIVILEGE_NOT_HELD      1314

#define BN_WSMAN_ERROR (bn_wsman_error_quark ())

/**
 * BnWsmanError:
 * @BN_WSMAN_ERROR_FAILED: anything else
 * @BN_WSMAN_ERROR_UNREACHABLE: the name did not resolve, or the connection was refused or
 *   had no route
 * @BN_WSMAN_ERROR_TIMEOUT: no complete answer within the timeout
 * @BN_WSMAN_ERROR_AUTH_FAILED: HTTP 401: the user or password was refused
 * @BN_WSMAN_ERROR_FAULT: the service answered with a SOAP fault (its text is the message)
 * @BN_WSMAN_ERROR_MALFORMED: the answer is not a WS-Management envelope we understand
 * @BN_WSMAN_ERROR_HTTP: another HTTP error status without a SOAP fault
 * @BN_WSMAN_ERROR_METHOD_FAILED: the method ran and returned a non-zero ReturnValue
 *   (for Win32Shutdown, a Win32 error code such as 1191 “users logged on”)
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  BN_WSMAN_ERROR_FAILED,
  BN_WSMAN_ERROR_UNREACHABLE,
  BN_WSMAN_ERROR_TIMEOUT,
  BN_WSMAN_ERROR_AUTH_FAILED,
  BN_WSMAN_ERROR_FAULT,
  BN_WSMAN_ERROR_MALFORMED,
  BN_WSMAN_ERROR_HTTP,
  BN_WSMAN_ERROR_METHOD_FAILED,
} BnWsmanError;

GQuark bn_wsman_error_quark (void);

/* A parsed envelope. Fields are NULL when absent. */
typedef struct
{
  char       *action;          /* wsa:Action */
  char       *to;              /* wsa:To */
  char       *message_id;      /* wsa:MessageID */
  char       *relates_to;      /* wsa:RelatesTo */
  char       *resource_uri;    /* wsman:ResourceURI */

  char       *body_namespace;  /* namespace of the Body's element (the resource URI) */
  char       *body_name;       /* its local name, e.g. "Win32Shutdown_INPUT" */
  GPtrArray  *param_names;     /* local names of its child elements, in order */
  GPtrArray  *param_values;    /* their text content */

  gboolean    is_fault;
  char       *fault_code;      /* s:Code/s:Value, e.g. "s:Receiver" */
  char       *fault_subcode;   /* s:Code/s:Subcode/s:Value, e.g. "w:InternalError" */
  char       *fault_reason;    /* s:Reason/s:Text */
  char       *fault_message;   /* s:Detail//WSManFault/Message, or other Detail text */
  char       *fault_wsman_code;/* the WSManFault Code attribute */
} BnWsmanEnvelope;

BnWsmanEnvelope *bn_wsman_envelope_parse      (const char             *data,
                                               gssize                  length,
                                               GError                **error);
void             bn_wsman_envelope_free       (BnWsmanEnvelope        *envelope);
const char      *bn_wsman_envelope_get_param  (const BnWsmanEnvelope  *envelope,
                                               const char             *name);
char            *bn_wsman_envelope_dup_fault_text (const BnWsmanEnvelope *envelope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnWsmanEnvelope, bn_wsman_envelope_free)

char *bn_wsman_build_invoke          (const char         *to,
                                      const char         *resource_uri,
                                      const char         *method,
                                      const char * const *params,
                                      const char         *message_id,
                                      guint               timeout_ms);
char *bn_wsman_build_invoke_response (const char         *resource_uri,
                                      const char         *method,
                                      const char         *relates_to,
                                      const char * const *params);
char *bn_wsman_build_fault           (const char         *relates_to,
                                      const char         *code,
                                      const char         *subcode,
                                      const char         *reason,
                                      guint               wsman_code,
                                      const char         *message);

G_END_DECLS
