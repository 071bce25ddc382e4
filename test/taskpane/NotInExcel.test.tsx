/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { NotInExcel } from '../../src/taskpane/NotInExcel/NotInExcel';

describe('outside Excel', () => {
  it('says plainly to open it in Excel and points to the q2c command', () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <NotInExcel detail="This is Word, not Excel." />
      </FluentProvider>,
    );
    expect(screen.getByText('Open this in Excel')).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain('Q2C Workbench works inside Excel (desktop or on the web)');
    expect(main.textContent).toContain('(This is Word, not Excel.)');
    expect(main.textContent).toContain('For .xlsx files outside Excel, the q2c command runs the same jobs, for example q2c run BOOK.xlsx');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
