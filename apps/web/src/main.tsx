import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
