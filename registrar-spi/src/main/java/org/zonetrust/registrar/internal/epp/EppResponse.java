package org.zonetrust.registrar.internal.epp;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * One EPP response: the first result, the transaction ids and the parts the adapter reads.
 *
 * @param code the result code
 * @param message the registry's {@code <msg>} text
 * @param clTrid the echoed client transaction id, or empty
 * @param svTrid the server transaction id, or empty
 * @param resData the {@code <resData>} element, if any
 * @param extension the {@code <extension>} element, if any
 */
record EppResponse(
    int code,
    String message,
    String clTrid,
    String svTrid,
    @Nullable Element resData,
    @Nullable Element extension) {

  /** Parses a response, or returns null if the root holds no {@code <response>}. */
  static @Nullable EppResponse of(Element root) {
    Element response = EppXml.child(root, EppXml.EPP, "response");
    if (response == null) {
      return null;
    }
    Element result = EppXml.child(response, EppXml.EPP, "result");
    Element trId = EppXml.child(response, EppXml.EPP, "trID");
    if (result == null) {
      return null;
    }
    int code;
    try {
      code = Integer.parseInt(result.getAttribute("code").trim());
    } catch (NumberFormatException e) {
      return null;
    }
    return new EppResponse(
        code,
        EppXml.text(result, EppXml.EPP, "msg"),
        EppXml.text(trId, EppXml.EPP, "clTRID"),
        EppXml.text(trId, EppXml.EPP, "svTRID"),
        EppXml.child(response, EppXml.EPP, "resData"),
        EppXml.child(response, EppXml.EPP, "extension"));
  }

  boolean success() {
    return code >= 1000 && code < 2000;
  }
}
