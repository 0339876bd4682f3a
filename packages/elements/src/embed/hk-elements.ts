// The portal embed: defines every Hidden Key element (each only if its tag is not taken yet).
// Add one side-effect import of each new component's define file here.
import '../lead-form/lead-form.define.js';
import '../deal-calculator/deal-calculator.define.js';
