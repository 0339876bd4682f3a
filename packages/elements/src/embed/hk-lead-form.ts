// The partner-site embed: <hk-lead-form> alone, small enough to paste on any page.
import '../lead-form/lead-form.define.js';
