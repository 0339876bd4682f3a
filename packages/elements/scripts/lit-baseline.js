// The floor every embed pays: Lit plus a form with one field and a button.
import { html, LitElement } from 'lit';

class BareForm extends LitElement {
  render() {
    return html`<form>
      <label>Email <input type="email" name="email" required /></label>
      <button>Send</button>
    </form>`;
  }
}
customElements.define('bare-form', BareForm);
