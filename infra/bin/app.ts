import { createCallwiseApp } from '../lib/callwise-app';

createCallwiseApp().app.synth();
