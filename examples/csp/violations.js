// Records every Content-Security-Policy violation on this page, for people (the count in the
// header) and for tests (window.plcCspViolations).
window.plcCspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.plcCspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, source: event.sourceFile, line: event.lineNumber });
  const output = document.getElementById('violations');
  if (output) output.textContent = String(window.plcCspViolations.length);
});
