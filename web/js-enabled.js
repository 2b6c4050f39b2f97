// Runs first thing in <body> (an external file, because the Content-Security-Policy allows no inline
// script): GOV.UK Frontend styles its JavaScript-enhanced components only when these classes are set.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
